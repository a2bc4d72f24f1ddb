package com.duesline.speech;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The pool that runs recognition and synthesis, sized to the cores ({@code speech.workers}), so
 * CPU-bound speech work never runs on a Vert.x event loop. From Vert.x code: {@code
 * Future.fromCompletionStage(workers.submit(() -> ...), context)}.
 *
 * <p>Work someone is waiting for goes first: tasks given to {@link #urgent()} (a caller's turn just
 * ended: its final result, the bot's reply audio) run before those given to {@link #executor()}
 * (partial decoding while callers speak), and those before {@link #background()} (work nobody waits
 * for yet: a reply rendered ahead); within a priority, first come first served.
 */
public final class SpeechWorkers implements AutoCloseable {
  private final ExecutorService pool;
  private final int size;

  /** A pool of {@code threads} daemon threads named {@code speech-N}. */
  public SpeechWorkers(int threads) {
    if (threads <= 0)
      throw new IllegalArgumentException("speech workers must be positive, got " + threads);
    this.size = threads;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "speech-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.pool =
        new ThreadPoolExecutor(
            threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), factory) {
          @Override
          public void execute(Runnable command) {
            super.execute(
                command instanceof Ranked
                    ? command
                    : new Ranked(command, ROUTINE, order.incrementAndGet()));
          }
        };
    this.urgent = task -> pool.execute(new Ranked(task, URGENT, order.incrementAndGet()));
    this.background = task -> pool.execute(new Ranked(task, BACKGROUND, order.incrementAndGet()));
  }

  private static final int URGENT = 0;
  private static final int ROUTINE = 1;
  private static final int BACKGROUND = 2;
  private final AtomicLong order = new AtomicLong();
  private final Executor urgent;
  private final Executor background;

  /** A task with its priority (lower first) and arrival order. */
  private record Ranked(Runnable task, int priority, long seq)
      implements Runnable, Comparable<Ranked> {
    @Override
    public void run() {
      task.run();
    }

    @Override
    public int compareTo(Ranked o) {
      if (priority != o.priority) return Integer.compare(priority, o.priority);
      return Long.compare(seq, o.seq);
    }
  }

  /** Runs tasks only when no urgent or routine task is waiting (nobody waits for their result). */
  public Executor background() {
    return background;
  }

  /**
   * Runs tasks ahead of everything given to {@link #executor()} (someone waits for their result).
   */
  public Executor urgent() {
    return urgent;
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
