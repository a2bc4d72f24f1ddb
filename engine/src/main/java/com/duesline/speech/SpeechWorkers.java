package com.duesline.speech;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The pool that runs recognition and synthesis, sized to the cores ({@code speech.workers}), so
 * CPU-bound speech work never runs on a Vert.x event loop. From Vert.x code:
 * {@code Future.fromCompletionStage(workers.submit(() -> ...), context)}.
 */
public final class SpeechWorkers implements AutoCloseable {
  private final ExecutorService pool;
  private final int size;

  /** A pool of {@code threads} daemon threads named {@code speech-N}. */
  public SpeechWorkers(int threads) {
    if (threads <= 0) throw new IllegalArgumentException("speech workers must be positive, got " + threads);
    this.size = threads;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "speech-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = Executors.newFixedThreadPool(threads, factory);
  }

  /** A pool sized by {@link SpeechSettings#workers()}. */
  public SpeechWorkers(SpeechSettings settings) {
    this(settings.workers());
  }

  /** Number of threads. */
  public int size() {
    return size;
  }

  /** Runs {@code work} on a speech thread. */
  public <T> CompletableFuture<T> submit(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, pool);
  }

  /** The underlying executor, for callers that schedule their own tasks. */
  public ExecutorService executor() {
    return pool;
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) pool.shutdownNow();
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
