package com.duesline.bench;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallRuntime;
import com.duesline.call.DemoCalls;
import com.duesline.cli.CommonOptions;
import com.duesline.handoff.HandoffDesk;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.scripts.LibraryLocation;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * `duesline bench calls`: simulated calls through the whole path (local carrier, real MaryTTS audio,
 * Vosk, intents, talk track, prompt audio back) on a fresh embedded store, reporting turn latency by
 * stage, barge-in stop time, CPU per call, and errors. Callers are the answering personas only.
 */
@Command(name = "calls", mixinStandardHelpOptions = true,
    description = "Run N simulated calls, C at a time, through the whole voice path; print latency by stage as JSON.")
public final class CallsBench implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--calls", defaultValue = "10", description = "Calls to run (default ${DEFAULT-VALUE}).")
  int calls;

  @Option(names = "--concurrency", defaultValue = "2", description = "Calls in progress at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("duesline-bench-calls");
    var config = common.config().with("store.data-dir", dir.toString()).with("carrier.local.ring-ms", "500");
    try (Engine engine = Engine.create(config)) {
      DemoCommand.loadSampleIfEmpty(engine.database());
      engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      List<Persona> answering = PersonaLoader.loadDirectory(LibraryLocation.resolve(null).resolve("personas")).stream()
          .filter(p -> p.line() == Persona.Line.ANSWERS).toList();
      List<AccountView> accounts = new ArrearsQuery(engine.database()).all().stream()
          .filter(a -> a.inArrears() && "en".equals(a.language()) && a.phoneId() != null && "ok".equals(a.phoneStatus()))
          .sorted(Comparator.comparing(AccountView::unit)).limit(calls).toList();
      List<DemoCalls.Target> targets = DemoCalls.pair(engine.database(), accounts, answering);
      try (CallRuntime runtime = CallRuntime.start(engine, targets.stream().map(DemoCalls.Target::persona).toList())) {
        engine.vertx().runOnContext(v -> runtime.desk().signIn(HandoffDesk.AUTO_PREFIX + "agent", "sip:agent@pbx.bench"));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<CallResult> results = DemoCalls.run(runtime, config, targets, concurrency).toCompletionStage().toCompletableFuture()
            .get(60, TimeUnit.MINUTES);
        double wallS = (System.nanoTime() - t0) / 1e9;
        double cpuS = (os.getProcessCpuTime() - cpu0) / 1e9;
        List<com.duesline.call.TurnLatency> turns = new ArrayList<>();
        results.forEach(r -> r.transcript().forEach(t -> { if (t.latency() != null) turns.add(t.latency()); }));
        Timer barge = engine.meterRegistry().find("duesline.bargein.stop").timer();
        JsonObject out = new JsonObject()
            .put("calls", results.size()).put("concurrency", concurrency)
            .put("completed", results.stream().filter(r -> !r.disposition().equals("failed") && !r.disposition().equals("dropped")).count())
            .put("errors", results.stream().filter(r -> r.disposition().equals("failed") || r.disposition().equals("dropped")).count())
            .put("turns", turns.size())
            .put("turn_latency_ms", stage(turns, com.duesline.call.TurnLatency::totalMs))
            .put("stages_ms", new JsonObject()
                .put("endpointing", stage(turns, com.duesline.call.TurnLatency::endpointMs))
                .put("asr_final", stage(turns, com.duesline.call.TurnLatency::asrMs))
                .put("intent", stage(turns, com.duesline.call.TurnLatency::intentMs))
                .put("engine", stage(turns, com.duesline.call.TurnLatency::engineMs))
                .put("tts", stage(turns, com.duesline.call.TurnLatency::ttsMs)))
            .put("barge_in_stop_ms", barge == null || barge.count() == 0 ? null
                : new JsonObject().put("count", barge.count()).put("mean", round(barge.mean(TimeUnit.MILLISECONDS)))
                    .put("max", round(barge.max(TimeUnit.MILLISECONDS))))
            .put("cpu_s_per_call", round(cpuS / Math.max(1, results.size())))
            .put("cpu_cores_busy", round(cpuS / wallS))
            .put("wall_s", round(wallS));
        spec.commandLine().getOut().println(out.encodePrettily());
      }
    }
    return 0;
  }

  private static JsonObject stage(List<com.duesline.call.TurnLatency> turns, ToDoubleFunction<com.duesline.call.TurnLatency> f) {
    List<Double> v = new ArrayList<>();
    turns.forEach(t -> v.add(f.applyAsDouble(t)));
    v.sort(Double::compare);
    return new JsonObject().put("p50", round(DemoCalls.percentile(v, 0.5))).put("p95", round(DemoCalls.percentile(v, 0.95))).put("p99", round(DemoCalls.percentile(v, 0.99)));
  }


  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
