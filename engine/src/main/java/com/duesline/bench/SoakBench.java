package com.duesline.bench;

import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.DemoCalls;
import com.duesline.cli.CommonOptions;
import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline bench soak`: keeps the demo's simulated calls going for a while (round after round of
 * the answering personas, C at a time) and samples what grows when something leaks: heap after a
 * full GC, live threads, open file descriptors, database connections, and the event loops' delay
 * (how late a 100 ms timer on every loop fired, worst in the interval, the sampler's own GC pause
 * left out). Prints one line per sample and a summary comparing the first and last quarter; {@code
 * --format json} prints it all as one object.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description =
        "Run the demo's calls for M minutes; sample heap after GC, threads, open files, DB connections and event-loop delay.")
public final class SoakBench implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--minutes",
      defaultValue = "30",
      description = "How long to keep calls going (default ${DEFAULT-VALUE}; fractions allowed).")
  double minutes;

  @Option(
      names = "--sample-seconds",
      defaultValue = "30",
      description = "Seconds between samples (default ${DEFAULT-VALUE}).")
  int sampleSeconds;

  @Option(
      names = "--calls",
      defaultValue = "6",
      description = "Callers per round (default ${DEFAULT-VALUE}).")
  int calls;

  @Option(
      names = "--concurrency",
      defaultValue = "2",
      description = "Calls in progress at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text, or json: one object on stdout.")
  String format;

  /** One sample. */
  record Sample(
      double atS,
      double heapAfterGcMb,
      int threads,
      long openFiles,
      int dbConnections,
      double loopDelayMs,
      int calls,
      int errors,
      double promptCachesMb) {
    JsonObject toJson() {
      return new JsonObject()
          .put("at_s", atS)
          .put("heap_after_gc_mb", heapAfterGcMb)
          .put("threads", threads)
          .put("open_files", openFiles)
          .put("prompt_caches_mb", promptCachesMb)
          .put("db_connections", dbConnections)
          .put("event_loop_delay_ms", loopDelayMs)
          .put("calls", calls)
          .put("errors", errors);
    }
  }

  @Override
  public Integer call() throws Exception {
    boolean json = "json".equals(format);
    PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    List<Sample> samples = new ArrayList<>();
    try (SimulatedCalls sim = SimulatedCalls.start(common.config(), calls, false)) {
      if (sim.targets.isEmpty())
        throw new IllegalStateException(
            "no English account in arrears to call in the sample estate");
      // One 100 ms timer per event loop (each new context from outside Vert.x takes the next loop):
      // the worst lateness since the last sample.
      AtomicLong worstLateNanos = new AtomicLong();
      int loops = 2 * Runtime.getRuntime().availableProcessors();
      List<Long> timers = new ArrayList<>();
      for (int i = 0; i < loops; i++) {
        Context ctx = sim.engine.vertx().getOrCreateContext();
        long[] last = {System.nanoTime()};
        ctx.runOnContext(
            v ->
                timers.add(
                    sim.engine
                        .vertx()
                        .setPeriodic(
                            100,
                            id -> {
                              long now = System.nanoTime();
                              worstLateNanos.accumulateAndGet(
                                  Math.max(0, now - last[0] - 100_000_000L), Math::max);
                              last[0] = now;
                            })));
      }
      long t0 = System.nanoTime();
      long end = t0 + (long) (minutes * 60e9);
      java.util.concurrent.atomic.AtomicIntegerArray done =
          new java.util.concurrent.atomic.AtomicIntegerArray(2);
      out.printf(
          "%8s %12s %10s %8s %10s %8s %12s %6s %6s%n",
          "at_s",
          "heap_gc_mb",
          "prompts_mb",
          "threads",
          "open_files",
          "db_conn",
          "loop_delay_ms",
          "calls",
          "errors");
      // Samples on a thread of their own, on time, while rounds of calls run on.
      var sampler =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              r -> new Thread(r, "duesline-soak-sampler"));
      sampler.scheduleAtFixedRate(
          () -> {
            try {
              Sample s =
                  sample(
                      sim,
                      (System.nanoTime() - t0) / 1e9,
                      worstLateNanos,
                      done.get(0),
                      done.get(1));
              synchronized (samples) {
                samples.add(s);
              }
              out.printf(
                  "%8.0f %12.1f %10.1f %8d %10d %8d %12.1f %6d %6d%n",
                  s.atS(),
                  s.heapAfterGcMb(),
                  s.promptCachesMb(),
                  s.threads(),
                  s.openFiles(),
                  s.dbConnections(),
                  s.loopDelayMs(),
                  s.calls(),
                  s.errors());
              out.flush();
            } catch (Exception e) {
              out.println("sample failed: " + e);
            }
          },
          0,
          sampleSeconds,
          TimeUnit.SECONDS);
      try {
        while (System.nanoTime() < end) {
          List<CallResult> results =
              DemoCalls.run(sim.runtime, sim.config, sim.targets, concurrency)
                  .toCompletionStage()
                  .toCompletableFuture()
                  .get(10, TimeUnit.MINUTES);
          for (CallResult r : results) {
            done.incrementAndGet(0);
            if (r.disposition().equals("failed") || r.disposition().equals("dropped"))
              done.incrementAndGet(1);
          }
        }
      } finally {
        sampler.shutdown();
        sampler.awaitTermination(1, TimeUnit.MINUTES);
      }
      int[] totals = {done.get(0), done.get(1)};
      samples.add(
          sample(sim, (System.nanoTime() - t0) / 1e9, worstLateNanos, totals[0], totals[1]));
      timers.forEach(sim.engine.vertx()::cancelTimer);
    }
    JsonObject summary = summary(samples);
    if (json) {
      JsonArray all = new JsonArray();
      samples.forEach(s -> all.add(s.toJson()));
      spec.commandLine().getOut().println(summary.put("samples", all).encode());
    } else {
      out.println(summary.encodePrettily());
    }
    out.flush();
    return 0;
  }

  private static Sample sample(
      SimulatedCalls sim, double atS, AtomicLong worstLateNanos, int calls, int errors)
      throws Exception {
    double loopDelayMs = worstLateNanos.getAndSet(0) / 1e6;
    System.gc();
    // The full GC just asked for stops every thread: its pause is this bench's doing, not the
    // engine's, so
    // the lateness it causes (timers firing once it ends) is dropped rather than reported next
    // time.
    Thread.sleep(300);
    worstLateNanos.set(0);
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    long files =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean u
            ? u.getOpenFileDescriptorCount()
            : -1;
    int connections;
    try (Connection c = sim.engine.database().connection();
        var st = c.createStatement();
        var rs =
            st.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")) {
      rs.next();
      connections = rs.getInt(1);
    }
    // The engine's prompts and the simulated callers' voices: bounded caches that fill as new
    // sentences are spoken,
    // so heap growth up to their bound is expected and growth beyond it is not.
    long caches = sim.runtime.prompts().memoryBytes() + sim.callerVoices.memoryBytes();
    return new Sample(
        Math.round(atS),
        Math.round(heap.getUsed() / 1e5) / 10.0,
        threads,
        files,
        connections,
        Math.round(loopDelayMs * 10) / 10.0,
        calls,
        errors,
        Math.round(caches / 1e5) / 10.0);
  }

  /** First and last quarter's means per measure, and the change between them. */
  static JsonObject summary(List<Sample> samples) {
    int q = Math.max(1, samples.size() / 4);
    List<Sample> first = samples.subList(0, q);
    List<Sample> last = samples.subList(samples.size() - q, samples.size());
    JsonObject measures = new JsonObject();
    measure(measures, "heap_after_gc_mb", first, last, Sample::heapAfterGcMb);
    measure(measures, "prompt_caches_mb", first, last, Sample::promptCachesMb);
    measure(
        measures,
        "heap_after_gc_less_prompt_caches_mb",
        first,
        last,
        x -> x.heapAfterGcMb() - x.promptCachesMb());
    measure(measures, "threads", first, last, Sample::threads);
    measure(measures, "open_files", first, last, s -> s.openFiles());
    measure(measures, "db_connections", first, last, Sample::dbConnections);
    measure(measures, "event_loop_delay_ms", first, last, Sample::loopDelayMs);
    Sample end = samples.get(samples.size() - 1);
    return new JsonObject()
        .put("minutes", Math.round(end.atS() / 6.0) / 10.0)
        .put("samples", samples.size())
        .put("calls", end.calls())
        .put("errors", end.errors())
        .put("first_vs_last_quarter", measures)
        .put(
            "load_average",
            Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 10)
                / 10.0);
  }

  private static void measure(
      JsonObject out,
      String name,
      List<Sample> first,
      List<Sample> last,
      java.util.function.ToDoubleFunction<Sample> f) {
    double a = first.stream().mapToDouble(f).average().orElse(0);
    double b = last.stream().mapToDouble(f).average().orElse(0);
    out.put(
        name,
        new JsonObject()
            .put("first", Math.round(a * 10) / 10.0)
            .put("last", Math.round(b * 10) / 10.0)
            .put("change", Math.round((b - a) * 10) / 10.0));
  }
}
