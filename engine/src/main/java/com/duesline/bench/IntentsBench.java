package com.duesline.bench;

import com.duesline.cli.CommonOptions;
import com.duesline.intent.LuceneIntentClassifier;
import com.duesline.intent.MatchContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `duesline bench intents`: per language, first the sentence encoder alone (one utterance embedded,
 * no cache; wall clock and process CPU time, since ONNX Runtime may use threads of its own), then
 * the whole classification of the held-out utterances (never indexed) over and over after a warm-up
 * — more distinct texts than the encoder's recent-text cache holds, cycled in order, so every call
 * embeds — open and scoped to a question, the same text again (cache hit), and single- and
 * multi-thread throughput. For the one-core figure run it under {@code taskset -c 0}.
 */
@Command(
    name = "intents",
    description =
        "Intent classification latency (p50/p99) and throughput on the held-out utterances.",
    mixinStandardHelpOptions = true)
public final class IntentsBench implements Callable<Integer> {
  /**
   * Per-thread CPU time: on a shared machine wall-clock tails measure the neighbours, CPU time
   * measures this code.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Mixin CommonOptions common;

  @Option(
      names = "--iterations",
      defaultValue = "2000",
      description = "Timed classifications per language (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--warmup",
      defaultValue = "500",
      description = "Untimed classifications first, for the JIT (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Threads for the throughput run (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    LuceneIntentClassifier c = LuceneIntentClassifier.fromConfig(common.config());
    System.out.printf(
        Locale.ROOT,
        "start-up (load, index, calibrate): %.0f ms%n",
        (System.nanoTime() - t0) / 1e6);
    LocalDate today = LocalDate.of(2026, 11, 25);
    for (String lang : c.languages()) {
      List<String> texts = new ArrayList<>();
      c.library().heldOut(lang).forEach(u -> texts.add(u.text()));
      c.library().seenHeldOut(lang).forEach(u -> texts.add(u.text()));
      c.library().freshHeldOut(lang).forEach(u -> texts.add(u.text()));
      if (texts.isEmpty()) continue;
      MatchContext ctx = MatchContext.open(lang, today);
      for (int i = 0; i < warmup; i++) c.classify(texts.get(i % texts.size()), ctx);
      embedding(lang, texts);
      long[] hit = new long[Math.min(iterations, 1000)];
      for (int i = 0; i < hit.length; i++) {
        String t = texts.get(i % texts.size());
        c.classify(t, ctx);
        long s = System.nanoTime();
        c.classify(t, ctx);
        hit[i] = System.nanoTime() - s;
      }
      Arrays.sort(hit);
      System.out.printf(
          Locale.ROOT,
          "%s same text again (embedding cached): wall p50 %.3f ms  p99 %.3f ms%n",
          lang,
          pct(hit, 0.50),
          pct(hit, 0.99));
      for (MatchContext context : List.of(ctx, scoped(lang, today))) {
        long[] nanos = new long[iterations];
        long[] cpu = new long[iterations];
        for (int i = 0; i < iterations; i++) {
          long cs = THREADS.getCurrentThreadCpuTime();
          long s = System.nanoTime();
          c.classify(texts.get(i % texts.size()), context);
          nanos[i] = System.nanoTime() - s;
          cpu[i] = THREADS.getCurrentThreadCpuTime() - cs;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        long total = Arrays.stream(nanos).sum();
        String what = context.expected().isEmpty() ? "open  " : "scoped";
        System.out.printf(
            Locale.ROOT,
            "%s %s wall: p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms  (%d calls, 1 thread %.0f/s)%n",
            lang,
            what,
            pct(nanos, 0.50),
            pct(nanos, 0.90),
            pct(nanos, 0.99),
            nanos[nanos.length - 1] / 1e6,
            iterations,
            iterations / (total / 1e9));
        System.out.printf(
            Locale.ROOT,
            "%s %s cpu:  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n",
            lang,
            what,
            pct(cpu, 0.50),
            pct(cpu, 0.90),
            pct(cpu, 0.99));
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        long s = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        int per = iterations / threads;
        for (int t = 0; t < threads; t++) {
          int offset = t;
          fs.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < per; i++)
                      c.classify(texts.get((i + offset) % texts.size()), ctx);
                  }));
        }
        for (Future<?> f : fs) f.get();
        double secs = (System.nanoTime() - s) / 1e9;
        System.out.printf(
            Locale.ROOT, "%s: %d threads %.0f/s%n", lang, threads, per * threads / secs);
      } finally {
        pool.shutdown();
      }
    }
    return 0;
  }

  /** The encoder alone on each text, uncached: what a turn pays to embed an utterance. */
  private void embedding(String lang, List<String> texts) {
    com.duesline.intent.SentenceEncoder encoder =
        com.duesline.intent.SentenceEncoder.forLanguage(lang);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] nanos = new long[iterations];
    // The process CPU clock advances in coarse ticks (10 ms here), so only the mean over the run
    // means anything.
    long cpuStart = os.getProcessCpuTime();
    for (int i = 0; i < iterations; i++) {
      String t = texts.get(i % texts.size());
      long s = System.nanoTime();
      encoder.embedUncached(t);
      nanos[i] = System.nanoTime() - s;
    }
    double cpuMean = (os.getProcessCpuTime() - cpuStart) / 1e6 / iterations;
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "%s embed one utterance (%s, %d cores available) wall: p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n",
        lang,
        encoder.modelId(),
        Runtime.getRuntime().availableProcessors(),
        pct(nanos, 0.50),
        pct(nanos, 0.90),
        pct(nanos, 0.99),
        nanos[nanos.length - 1] / 1e6);
    System.out.printf(
        Locale.ROOT,
        "%s embed one utterance process cpu: mean %.3f ms over %d calls (all threads of the process)%n",
        lang,
        cpuMean,
        iterations);
  }

  /** A yes/no question with its own phrases, as a talk track would ask it. */
  private static MatchContext scoped(String lang, LocalDate today) {
    List<String> phrases =
        lang.equals("zh") ? List.of("就按这个方案", "行就这么办") : List.of("that plan works", "go with that");
    return new MatchContext(lang, today, Set.of("affirm", "deny"), Map.of("affirm", phrases));
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
