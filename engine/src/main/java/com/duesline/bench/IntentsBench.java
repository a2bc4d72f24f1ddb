package com.duesline.bench;

import com.duesline.cli.CommonOptions;
import com.duesline.intent.LabelledUtterance;
import com.duesline.intent.LuceneIntentClassifier;
import com.duesline.intent.MatchContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `duesline bench intents`: classifies the held-out utterances (never indexed) over and over after a
 * warm-up, timing each call; prints p50/p90/p99 latency per language and single- and multi-thread throughput.
 */
@Command(name = "intents", description = "Intent classification latency (p50/p99) and throughput on the held-out utterances.", mixinStandardHelpOptions = true)
public final class IntentsBench implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--iterations", defaultValue = "20000", description = "Timed classifications per language (default ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--warmup", defaultValue = "20000", description = "Untimed classifications first, for the JIT (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--threads", defaultValue = "2", description = "Threads for the throughput run (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    LuceneIntentClassifier c = LuceneIntentClassifier.fromConfig(common.config());
    System.out.printf(Locale.ROOT, "start-up (load, index, calibrate): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    LocalDate today = LocalDate.of(2026, 11, 25);
    for (String lang : c.languages()) {
      List<String> texts = c.library().heldOut(lang).stream().map(LabelledUtterance::text).toList();
      if (texts.isEmpty()) continue;
      MatchContext ctx = MatchContext.open(lang, today);
      for (int i = 0; i < warmup; i++) c.classify(texts.get(i % texts.size()), ctx);
      long[] nanos = new long[iterations];
      for (int i = 0; i < iterations; i++) {
        long s = System.nanoTime();
        c.classify(texts.get(i % texts.size()), ctx);
        nanos[i] = System.nanoTime() - s;
      }
      Arrays.sort(nanos);
      long total = Arrays.stream(nanos).sum();
      System.out.printf(Locale.ROOT, "%s: %d calls  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms  1 thread %.0f/s%n", lang, iterations,
          pct(nanos, 0.50), pct(nanos, 0.90), pct(nanos, 0.99), nanos[nanos.length - 1] / 1e6, iterations / (total / 1e9));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        long s = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        int per = iterations / threads;
        for (int t = 0; t < threads; t++) {
          int offset = t;
          fs.add(pool.submit(() -> {
            for (int i = 0; i < per; i++) c.classify(texts.get((i + offset) % texts.size()), ctx);
          }));
        }
        for (Future<?> f : fs) f.get();
        double secs = (System.nanoTime() - s) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d threads %.0f/s%n", lang, threads, per * threads / secs);
      } finally {
        pool.shutdown();
      }
    }
    return 0;
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
