package com.duesline.bench;

import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.call.CallRuntime;
import com.duesline.call.DemoCalls;
import com.duesline.cli.CommonOptions;
import com.duesline.telephony.local.CallerTurns;
import com.duesline.telephony.local.LocalCarrier;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline bench calls`: simulated calls through the whole path (local carrier, real MaryTTS
 * audio, Vosk, intents, talk track, prompt audio back) on a fresh embedded store, reporting turn
 * latency as the callers measured it (from their last audio to the bot's first) and by stage, false
 * cut-offs, barge-in stop time, the engine's CPU per live call (the callers run on a Vert.x of
 * their own and speak pre-rendered audio, so their CPU is left out), and errors. Callers are the
 * answering personas.
 */
@Command(
    name = "calls",
    mixinStandardHelpOptions = true,
    description =
        "Run N simulated calls, C at a time, through the whole voice path; print latency by stage as JSON.")
public final class CallsBench implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--calls",
      defaultValue = "10",
      description = "Calls to run (default ${DEFAULT-VALUE}).")
  int calls;

  @Option(
      names = "--concurrency",
      defaultValue = "2",
      description = "Calls in progress at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--warm-prompts",
      description =
          "Keep the usual prompt cache, which holds the sample accounts' sentences from earlier runs (by default the engine's cache starts with only the tracks' fixed sentences, as for accounts never called before).")
  boolean warmPrompts;

  @Override
  public Integer call() throws Exception {
    try (SimulatedCalls sim = SimulatedCalls.start(common.config(), calls, !warmPrompts)) {
      Engine engine = sim.engine;
      LocalCarrier carrier = sim.carrier;
      CallRuntime runtime = sim.runtime;
      var config = sim.config;
      var targets = sim.targets;
      Set<Long> callerThreads = sim.callerThreads;
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      Timer tts00 = engine.meterRegistry().find("duesline.tts").timer();
      long tts0 = tts00 == null ? 0 : tts00.count();

      double callers0 = cpuOf(threads, callerThreads);
      Map<Long, ThreadCpu> threads0 = threadCpu(threads, callerThreads);
      long t0 = System.nanoTime();
      // Live call-seconds, sampled: the denominator of the engine's cores per call.
      double[] callSeconds = {0};
      long sampler =
          engine.vertx().setPeriodic(200, id -> callSeconds[0] += carrier.activeCalls() * 0.2);
      List<CallResult> results =
          DemoCalls.run(runtime, config, targets, concurrency)
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.MINUTES);
      engine.vertx().cancelTimer(sampler);
      double wallS = (System.nanoTime() - t0) / 1e9;
      double cpuS = (os.getProcessCpuTime() - cpu0) / 1e9;
      double callersS = cpuOf(threads, callerThreads) - callers0;
      double engineS = cpuS - callersS;
      JsonObject byThreads = cpuByThreads(threads0, threadCpu(threads, callerThreads), engineS);
      List<com.duesline.call.TurnLatency> turns = new ArrayList<>();
      results.forEach(
          r ->
              r.transcript()
                  .forEach(
                      t -> {
                        if (t.latency() != null) turns.add(t.latency());
                      }));
      Timer barge = engine.meterRegistry().find("duesline.bargein.stop").timer();
      Timer tts = engine.meterRegistry().find("duesline.tts").timer();

      CallerTurns heard = carrier.callerTurns();
      List<Double> replies = heard.replyMs();
      replies.sort(Double::compare);
      JsonObject out =
          new JsonObject()
              .put("calls", results.size())
              .put("concurrency", concurrency)
              .put(
                  "completed",
                  results.stream()
                      .filter(
                          r ->
                              !r.disposition().equals("failed")
                                  && !r.disposition().equals("dropped"))
                      .count())
              // A caller who hangs up by design (the silent and the abusive personas) drops the
              // call; that is no fault of the engine's.
              .put(
                  "hung_up_by_caller",
                  java.util.stream.IntStream.range(0, results.size())
                      .filter(
                          i ->
                              results.get(i).disposition().equals("dropped")
                                  && hangsUp(targets.get(i).persona()))
                      .count())
              .put(
                  "errors",
                  java.util.stream.IntStream.range(0, results.size())
                      .filter(
                          i ->
                              results.get(i).disposition().equals("failed")
                                  || results.get(i).disposition().equals("dropped")
                                      && !hangsUp(targets.get(i).persona()))
                      .count())
              .put("turns", turns.size())
              .put(
                  "prompts",
                  sim.warmed == null
                      ? new JsonObject().put("cache", "usual")
                      : new JsonObject()
                          .put("cache", "fresh")
                          .put("fixed_sentences", sim.warmed.total())
                          .put("warm_s", round(sim.warmed.seconds()))
                          .put("rendered_ahead", renderedAhead(engine)))
              // From the caller's last audio (the carrier knows it) to the bot's first audio
              // reaching the carrier.
              .put(
                  "turn_latency_ms",
                  new JsonObject()
                      .put("n", replies.size())
                      .put("p50", round(DemoCalls.percentile(replies, 0.5)))
                      .put("p95", round(DemoCalls.percentile(replies, 0.95)))
                      .put("p99", round(DemoCalls.percentile(replies, 0.99))))
              // The engine's own estimate (its VAD's idea of when the caller stopped), by stage.
              .put("engine_turn_latency_ms", stage(turns, com.duesline.call.TurnLatency::totalMs))
              .put(
                  "stages_ms",
                  new JsonObject()
                      .put("endpointing", stage(turns, com.duesline.call.TurnLatency::endpointMs))
                      .put("asr_final", stage(turns, com.duesline.call.TurnLatency::asrMs))
                      .put("intent", stage(turns, com.duesline.call.TurnLatency::intentMs))
                      .put("engine", stage(turns, com.duesline.call.TurnLatency::engineMs))
                      .put("tts", stage(turns, com.duesline.call.TurnLatency::ttsMs)))
              // Where the tail of the latency comes from: the engine's slowest turns, by stage.
              .put(
                  "slowest_turns",
                  slowest(
                      targets.stream().map(t -> t.persona().id()).toList(),
                      results.stream().map(CallResult::transcript).toList(),
                      5))
              .put(
                  "false_cutoffs",
                  new JsonObject()
                      .put("turns", heard.utterances())
                      .put("cut", heard.cut())
                      .put(
                          "rate",
                          heard.utterances() == 0
                              ? 0
                              : Math.round(heard.cut() * 1000.0 / heard.utterances()) / 1000.0)
                      .put(
                          "by_persona",
                          new JsonObject(new java.util.LinkedHashMap<>(heard.cutByPersona()))))
              .put(
                  "barge_in_stop_ms",
                  barge == null || barge.count() == 0
                      ? null
                      : new JsonObject()
                          .put("count", barge.count())
                          .put("mean", round(barge.mean(TimeUnit.MILLISECONDS)))
                          .put("max", round(barge.max(TimeUnit.MILLISECONDS))))
              // The bot's sentences synthesized during the run (cache misses): about 1 CPU-s each.
              .put("synthesized", tts == null ? 0 : tts.count() - tts0)
              .put("live_call_s", round(callSeconds[0]))
              .put(
                  "engine_cpu_cores_per_call",
                  callSeconds[0] == 0 ? null : Math.round(engineS / callSeconds[0] * 1000) / 1000.0)
              .put("engine_cpu_s", round(engineS))
              .put("engine_cpu_s_by_threads", byThreads)
              .put("callers_cpu_s", round(callersS))
              .put("cpu_s_per_call", round(cpuS / Math.max(1, results.size())))
              .put("cpu_cores_busy", round(cpuS / wallS))
              .put("load_average", round(os.getSystemLoadAverage()))
              .put("wall_s", round(wallS));
      spec.commandLine().getOut().println(out.encodePrettily());
    }
    return 0;
  }

  /**
   * Whether the persona ends the call itself (after some questions, or with a reply that hangs up).
   */
  private static boolean hangsUp(com.duesline.telephony.local.Persona p) {
    return p.hangUpAfterAsks() > 0
        || p.replies().values().stream().flatMap(List::stream).anyMatch(r -> r.hangUp());
  }

  /** Prompts the engine rendered ahead of need (0 when it has no such counter). */
  private static double renderedAhead(Engine engine) {
    var c = engine.meterRegistry().find("duesline.tts.ahead").counter();
    return c == null ? 0 : c.count();
  }

  /**
   * The {@code n} caller turns with the longest engine latency: persona, node, words and stages
   * (ms); {@code personas} and {@code transcripts} are per call, in the same order.
   */
  static JsonArray slowest(List<String> personas, List<List<TurnRecord>> transcripts, int n) {
    record Slow(String persona, TurnRecord turn) {}
    List<Slow> turns = new ArrayList<>();
    for (int i = 0; i < transcripts.size(); i++)
      for (var t : transcripts.get(i))
        if (t.latency() != null) turns.add(new Slow(personas.get(i), t));
    turns.sort(Comparator.comparingDouble((Slow s) -> s.turn().latency().totalMs()).reversed());
    JsonArray out = new JsonArray();
    for (Slow s : turns.subList(0, Math.min(n, turns.size()))) {
      var l = s.turn().latency();
      out.add(
          new JsonObject()
              .put("persona", s.persona())
              .put("node", s.turn().node())
              .put("words", s.turn().text())
              .put("total", round(l.totalMs()))
              .put("endpointing", round(l.endpointMs()))
              .put("asr_final", round(l.asrMs()))
              .put("tts", round(l.ttsMs())));
    }
    return out;
  }

  /** A live thread's name and CPU time so far. */
  record ThreadCpu(String name, long nanos) {}

  private static Map<Long, ThreadCpu> threadCpu(ThreadMXBean threads, Set<Long> callers) {
    Map<Long, ThreadCpu> out = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null || callers.contains(info.getThreadId())) continue;
      long t = threads.getThreadCpuTime(info.getThreadId());
      if (t >= 0) out.put(info.getThreadId(), new ThreadCpu(info.getThreadName(), t));
    }
    return out;
  }

  /**
   * The engine's CPU seconds during the run by thread family (a name without its number), largest
   * first; threads that ended during the run are only in the remainder.
   */
  static JsonObject cpuByThreads(
      Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after, double engineS) {
    Map<String, Double> families = new HashMap<>();
    after.forEach(
        (id, t) -> {
          ThreadCpu b = before.get(id);
          double s = (t.nanos() - (b == null ? 0 : b.nanos())) / 1e9;
          families.merge(t.name().replaceAll("[-_ #]*\\d+$", ""), s, Double::sum);
        });
    JsonObject out = new JsonObject();
    double listed = 0;
    for (var e :
        families.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(8)
            .toList()) {
      out.put(e.getKey(), round(e.getValue()));
      listed += e.getValue();
    }
    out.put("other and ended threads", round(engineS - listed));
    return out;
  }

  private static double cpuOf(ThreadMXBean threads, Set<Long> ids) {
    long sum = 0;
    for (long id : ids) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) sum += t;
    }
    return sum / 1e9;
  }

  private static JsonObject stage(
      List<com.duesline.call.TurnLatency> turns,
      ToDoubleFunction<com.duesline.call.TurnLatency> f) {
    List<Double> v = new ArrayList<>();
    turns.forEach(t -> v.add(f.applyAsDouble(t)));
    v.sort(Double::compare);
    return new JsonObject()
        .put("p50", round(DemoCalls.percentile(v, 0.5)))
        .put("p95", round(DemoCalls.percentile(v, 0.95)))
        .put("p99", round(DemoCalls.percentile(v, 0.99)));
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
