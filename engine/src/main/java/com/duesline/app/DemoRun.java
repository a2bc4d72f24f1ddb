package com.duesline.app;

import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallRuntime;
import com.duesline.call.DemoCalls;
import com.duesline.handoff.HandoffDesk;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.scripts.LibraryLocation;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The demo's calling job: a slice of the sample estate called through the local carrier's simulated callers. */
final class DemoRun {
  private DemoRun() {}

  /** Calls {@code accounts} accounts, {@code concurrency} at a time, and prints each result and the summary (last line). */
  static void calls(Engine engine, int accounts, int concurrency, boolean transcripts, PrintWriter out) throws Exception {
    List<Persona> personas = PersonaLoader.loadDirectory(LibraryLocation.resolve(null).resolve("personas"));
    List<AccountView> slice = new ArrearsQuery(engine.database()).all().stream()
        .filter(a -> a.inArrears() && "en".equals(a.language()) && a.phoneId() != null && "ok".equals(a.phoneStatus()))
        .sorted(Comparator.comparing(AccountView::unit))
        .limit(accounts)
        .toList();
    List<DemoCalls.Target> targets = DemoCalls.pair(engine.database(), slice, personas);
    out.printf("demo: calling %d accounts, %d at a time, through the local carrier%n", targets.size(), concurrency);
    out.flush();
    try (CallRuntime runtime = CallRuntime.start(engine, targets.stream().map(DemoCalls.Target::persona).toList())) {
      engine.vertx().runOnContext(v -> {
        runtime.desk().signIn(HandoffDesk.AUTO_PREFIX + "agent-1", "+15550109001");
        runtime.desk().signIn(HandoffDesk.AUTO_PREFIX + "agent-2", "sip:agent2@pbx.local");
      });
      List<CallResult> results = DemoCalls.run(runtime, engine.config(), targets, concurrency)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
      for (int i = 0; i < results.size(); i++) {
        CallResult r = results.get(i);
        out.printf("  %-10s %-22s -> %s%n", targets.get(i).account().unit(), targets.get(i).persona().id(), r.disposition());
        if (transcripts) {
          for (var t : r.transcript()) {
            out.printf("      %-6s %-18s %s%s%s%n", t.speaker(), t.node(), t.text(),
                t.intent() == null ? "" : String.format("  [%s %.2f %s]", t.intent(), t.score(), t.entities()),
                t.latency() == null ? "" : String.format("  {total %.0f ms: endpoint %.0f, asr %.0f, intent %.1f, engine %.1f, tts %.0f}",
                    t.latency().totalMs(), t.latency().endpointMs(), t.latency().asrMs(), t.latency().intentMs(),
                    t.latency().engineMs(), t.latency().ttsMs()));
          }
        }
      }
      out.println(DemoCalls.summary(results).encode());
      out.flush();
    }
  }
}
