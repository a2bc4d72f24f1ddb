package com.duesline.app;

import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallRuntime;
import com.duesline.call.DemoCalls;
import com.duesline.call.VoiceChannel;
import com.duesline.campaign.AccountStore;
import com.duesline.campaign.PhoneJurisdictions;
import com.duesline.handoff.HandoffDesk;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.policy.CampaignLimits;
import com.duesline.policy.Channel;
import com.duesline.policy.ContactPolicy;
import com.duesline.policy.PolicyDecision;
import com.duesline.policy.PolicyRules;
import com.duesline.scripts.LibraryLocation;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The demo's calling job: a slice of the sample estate called as a campaign, through the dialer and
 * the local carrier's simulated callers.
 */
final class DemoRun {
  private DemoRun() {}

  /**
   * Calls {@code accounts} accounts as a campaign through the dialer (at most {@code
   * dialer.channels} at a time), and prints each result and the summary (last line). With {@code
   * keepDialing} the dialer and the call runtime stay up after the calls (the engine serves on),
   * else they are closed.
   */
  static void calls(
      Engine engine,
      WebConsole console,
      String lang,
      int accounts,
      int simulatedAgents,
      boolean transcripts,
      boolean keepDialing,
      Clock clock,
      PrintWriter out)
      throws Exception {
    // Chinese owners have personas of their own (personas/zh/) who answer on the keypad.
    Path personaDir = LibraryLocation.resolve(null).resolve("personas");
    List<Persona> personas =
        PersonaLoader.loadDirectory(lang.equals("en") ? personaDir : personaDir.resolve(lang));
    // Only accounts the contact policy allows the demo campaign to call right now (the dialer asks
    // again before each call).
    ArrearsQuery arrears = new ArrearsQuery(engine.database());
    AccountStore store = new AccountStore(engine.database(), arrears, PhoneJurisdictions.bundled());
    ContactPolicy policy = new ContactPolicy(PolicyRules.bundled());
    Instant now = clock.instant();
    CampaignLimits limits =
        new com.duesline.campaign.CampaignService(engine.database(), clock)
            .definition(DemoCampaign.DEFINITION)
            .limits();
    Map<String, Integer> blocked = new TreeMap<>();
    List<AccountView> slice = new ArrayList<>();
    for (AccountView a :
        arrears.all().stream()
            .filter(
                a ->
                    a.inArrears()
                        && lang.equals(a.language())
                        && a.phoneId() != null
                        && "ok".equals(a.phoneStatus()))
            .sorted(Comparator.comparing(AccountView::unit))
            .toList()) {
      if (slice.size() >= accounts) break;
      var subject = store.unit(a.unit(), null, now, a.asOf());
      if (subject.isEmpty()) continue;
      PolicyDecision d = policy.decide(subject.get().subject(), Channel.CALL, now, limits);
      if (d.allowed()) slice.add(a);
      else d.reasons().forEach(r -> blocked.merge(r.name(), 1, Integer::sum));
    }
    if (!blocked.isEmpty())
      out.printf("demo: skipped accounts the contact policy blocks now: %s%n", blocked);
    if (slice.isEmpty()) {
      console.withoutCalls();
      engine.ready();
      out.println(
          "demo: the contact policy allows no call right now (calling hours in every party's zone); nothing dialed");
      out.println(DemoCalls.summary(List.of()).encode());
      out.flush();
      return;
    }
    if (!lang.equals("en")) {
      // The recorded voice's clips: espeak-ng stand-ins made now (only those missing) unless
      // recordings exist.
      var made =
          com.duesline.cli.VoicesCommand.ensureStandIn(
              engine.config(),
              LibraryLocation.resolve(
                  engine.config().optional("tracks.library-dir").map(Path::of).orElse(null)),
              lang);
      out.printf(
          "demo: %s voice: %d stand-in clips made, %d present (espeak-ng stand-ins, not real recordings)%n",
          lang, made.made(), made.present());
    }
    List<DemoCalls.Target> targets = DemoCalls.pair(engine.database(), slice, personas);
    // The calls are a campaign: the real dialer paces them (dialer.channels at once, carrier.cps)
    // and asks
    // the policy again before each, and the board's campaign card, channels and dial level show
    // them.
    DemoCampaign campaign =
        DemoCampaign.start(
            engine.database(), clock, targets.stream().map(t -> t.account().unit()).toList());
    campaign
        .notNow()
        .forEach((unit, why) -> out.printf("demo: %s not called now: %s%n", unit, why));
    out.printf(
        "demo: campaign '%s': %d calls due now, at most %d at a time (dialer.channels), through the dialer and the local carrier%n",
        campaign.id(), campaign.awaited().size(), engine.config().getInt("dialer.channels"));
    out.flush();
    CallRuntime runtime =
        CallRuntime.start(engine, targets.stream().map(DemoCalls.Target::persona).toList());
    DialerStart.Dialing dialing = null;
    try {
      console.withCalls(runtime);
      engine.ready(); // every route is mounted; the demo's calls run on from here
      for (int i = 1; i <= simulatedAgents; i++)
        runtime
            .desk()
            .signIn(HandoffDesk.AUTO_PREFIX + "agent-" + i, "sip:agent" + i + "@pbx.local");
      VoiceChannel voice =
          new VoiceChannel(
              engine.vertx(),
              runtime,
              runtime.carrier(),
              ArrearsQuery.fromConfig(engine.database(), engine.config()),
              engine.config(),
              campaign::heard);
      dialing = DialerStart.dial(engine, console, runtime, campaign.around(voice), clock);
      campaign.done().get(30, TimeUnit.MINUTES);
      // The dialer records each outcome after the call's end reaches it: the books are complete
      // once nothing is in flight.
      long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (dialing.dialer().inFlight() > 0 && System.nanoTime() < settle) Thread.sleep(100);
      List<CallResult> results = new ArrayList<>();
      for (DemoCalls.Target target : targets) {
        CallResult r = campaign.result(target.account().unit());
        if (r == null) continue;
        results.add(r);
        out.printf(
            "  %-10s %-22s -> %s%n",
            target.account().unit(), target.persona().id(), r.disposition());
        if (transcripts) {
          for (var t : r.transcript()) {
            out.printf(
                "      %-6s %-18s %s%s%s%n",
                t.speaker(),
                t.node(),
                t.text(),
                t.intent() == null
                    ? ""
                    : String.format("  [%s %.2f %s]", t.intent(), t.score(), t.entities()),
                t.latency() == null
                    ? ""
                    : String.format(
                        "  {total %.0f ms: endpoint %.0f, asr %.0f, intent %.1f, engine %.1f, tts %.0f}",
                        t.latency().totalMs(),
                        t.latency().endpointMs(),
                        t.latency().asrMs(),
                        t.latency().intentMs(),
                        t.latency().engineMs(),
                        t.latency().ttsMs()));
          }
        }
      }
      out.println(DemoCalls.summary(results).encode());
      out.flush();
    } finally {
      // Left running (the campaign's retries, the pages' agents and listen-in) unless the demo
      // exits now.
      if (!keepDialing) {
        if (dialing != null) dialing.loop().close();
        runtime.close();
      }
    }
  }
}
