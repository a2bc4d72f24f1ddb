package com.duesline.call;

import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallCoordinator.DialRequest;
import com.duesline.call.CallJournal.Party;
import com.duesline.config.DueslineConfig;
import com.duesline.conversation.AccountVariables;
import com.duesline.ledger.AccountView;
import com.duesline.scripts.Track;
import com.duesline.store.Database;
import com.duesline.telephony.local.Persona;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's calls: each account of a slice of the ledger gets a simulated caller on its phone (a
 * persona from the library, told its own unit number for verification), and the engine calls them
 * all, a few at a time, through the real path: carrier, media stream, speech, intents, talk track.
 */
public final class DemoCalls {
  /** Dispositions that mean the right party was reached and verified. */
  private static final Set<String> NOT_RPC =
      Set.of(
          "WRONG_PARTY",
          "THIRD_PARTY",
          "VERIFY_FAILED",
          "NO_RESPONSE",
          "completed",
          "dropped",
          "failed",
          "busy",
          "no_answer",
          "voicemail",
          "canceled");

  /** One account to call and the simulated caller who answers its phone. */
  public record Target(AccountView account, String phone, Persona persona) {}

  private DemoCalls() {}

  /** The phone number to dial for an account (the view only carries it masked). Blocking JDBC. */
  public static String phoneOf(Database db, long phoneId) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT e164 FROM phones WHERE id = ?")) {
      ps.setLong(1, phoneId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new IllegalStateException("no phone with id " + phoneId);
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read phone " + phoneId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Pairs accounts with personas in order, each persona moved onto the account's number and told
   * the unit number, spoken as digits (or keyed, for a keypad persona).
   */
  public static List<Target> pair(Database db, List<AccountView> accounts, List<Persona> personas) {
    List<Target> out = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      AccountView a = accounts.get(i);
      String phone = phoneOf(db, a.phoneId());
      Persona p = personas.get(i % personas.size());
      out.add(new Target(a, phone, onNumber(p, phone, a.unit())));
    }
    return out;
  }

  public static Persona onNumber(Persona p, String phone, String unit) {
    Map<String, List<Persona.Reply>> replies = new HashMap<>(p.replies());
    String spoken = spokenDigits(unit.replaceAll("[^0-9]", ""));
    // A persona may say its unit in its own words: {unit} is the digits, {unit-paused} the digits
    // in pairs with pauses.
    replies.replaceAll(
        (kind, list) ->
            list.stream()
                .map(
                    r ->
                        new Persona.Reply(
                            r.say()
                                .replace("{unit}", spoken)
                                .replace("{unit-paused}", inPairs(spoken)),
                            r.dtmf(),
                            r.hangUp(),
                            r.intent()))
                .toList());
    if (!replies.containsKey("unit")) {
      boolean keypad =
          replies.values().stream().flatMap(List::stream).anyMatch(r -> !r.dtmf().isEmpty());
      String digits = unit.replaceAll("[^0-9]", "");
      replies.put(
          "unit",
          List.of(
              keypad
                  ? new Persona.Reply("", digits + "#", false, "affirm")
                  : new Persona.Reply(spokenDigits(digits), "", false, "affirm")));
    }
    return new Persona(
        p.id(),
        phone,
        p.line(),
        p.rings(),
        p.voicemailGreetingMillis(),
        p.voiceEffects(),
        p.pauseBeforeReplyMillis(),
        p.bargeIn(),
        replies,
        p.greeting(),
        p.hangUpAfterAsks(),
        p.smsReply(),
        p.expectedOutcome(),
        p.description());
  }

  private static final String[] DIGITS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
  };

  /** "zero three zero four" → "zero three... zero four". */
  static String inPairs(String spokenDigits) {
    String[] w = spokenDigits.split(" ");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      if (i > 0) out.append(i % 2 == 0 ? "... " : " ");
      out.append(w[i]);
    }
    return out.toString();
  }

  static String spokenDigits(String digits) {
    List<String> words = new ArrayList<>();
    for (char c : digits.toCharArray()) words.add(DIGITS[c - '0']);
    return String.join(" ", words);
  }

  /**
   * Calls every target, {@code concurrency} at a time; completes with every call's result, in
   * target order.
   */
  public static Future<List<CallResult>> run(
      CallRuntime runtime, DueslineConfig config, List<Target> targets, int concurrency) {
    CallCoordinator coordinator = runtime.coordinator();
    List<CallResult> results =
        new ArrayList<>(java.util.Collections.nCopies(targets.size(), (CallResult) null));
    Promise<List<CallResult>> all = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    if (targets.isEmpty()) return Future.succeededFuture(List.of());
    Runnable[] launch = new Runnable[1];
    launch[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= targets.size()) return;
          Target t = targets.get(i);
          AccountView a = t.account();
          String lang = "zh".equals(a.language()) ? "zh" : "en";
          Track track = runtime.tracks().track(trackFor(a), lang);
          Map<String, Object> facts = new HashMap<>(AccountVariables.fromLedger(a, config, lang));
          DialRequest req =
              new DialRequest(
                  new Party(a.unitId(), a.partyId(), a.phoneId(), null),
                  t.phone(),
                  track,
                  runtime.tracks().library().catalogue(),
                  facts,
                  a.asOf(),
                  a.unitId(),
                  null,
                  true);
          coordinator
              .dial(req)
              .onComplete(
                  ar -> {
                    results.set(
                        i,
                        ar.succeeded()
                            ? ar.result()
                            : new CallResult(
                                -1,
                                "failed",
                                null,
                                com.duesline.conversation.Outcome.NONE,
                                List.of(),
                                false,
                                false));
                    if (done.incrementAndGet() == targets.size()) all.complete(results);
                    else launch[0].run();
                  });
        };
    for (int k = 0; k < Math.min(concurrency, targets.size()); k++) launch[0].run();
    return all.future();
  }

  /** The ladder's talk track for an account's age (pre-due, 1–30, 31–90, 90+). */
  public static String trackFor(AccountView a) {
    int d = a.daysPastDue();
    return d <= 0 ? "pre_due" : d <= 30 ? "early" : d <= 90 ? "mid" : "late";
  }

  /**
   * The {@code q} quantile (nearest rank) of ascending {@code sorted}; 0 when empty. Shared by the
   * demo and `bench calls`.
   */
  public static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) return 0;
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  /** The summary the demo prints last: one JSON object. */
  public static JsonObject summary(List<CallResult> results) {
    int answered = 0,
        rpc = 0,
        promises = 0,
        plans = 0,
        optOuts = 0,
        holds = 0,
        handoffs = 0,
        voicemails = 0,
        sms = 0;
    BigDecimal promised = BigDecimal.ZERO;
    List<Double> latencies = new ArrayList<>();
    for (CallResult r : results) {
      if (CallEnding.machine(r.amd()) || "voicemail".equals(r.disposition())) voicemails++;
      if (!r.transcript().isEmpty()) answered++;
      if (!r.transcript().isEmpty() && !NOT_RPC.contains(r.disposition())) rpc++;
      var o = r.outcome();
      if (o.promise() != null && o.promise().amount() != null) {
        promises++;
        promised = promised.add(o.promise().amount());
      }
      if (o.plan() != null) plans++;
      if (o.optOut()) optOuts++;
      if (o.hold() != null) holds++;
      if (o.handoff()) handoffs++;
      if (r.smsSent()) sms++;
      r.transcript().stream()
          .filter(t -> t.latency() != null)
          .forEach(t -> latencies.add(t.latency().totalMs()));
    }
    latencies.sort(Double::compare);
    return new JsonObject()
        .put("calls", results.size())
        .put("answered", answered)
        .put("rpc", rpc)
        .put("promises", promises)
        .put(
            "promised_amount", promised.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())
        .put("plans", plans)
        .put("opt_outs", optOuts)
        .put("holds", holds)
        .put("handoffs", handoffs)
        .put("voicemails", voicemails)
        .put("sms", sms)
        .put(
            "turn_latency_ms",
            new JsonObject()
                .put("p50", Math.round(percentile(latencies, 0.5)))
                .put("p95", Math.round(percentile(latencies, 0.95))));
  }
}
