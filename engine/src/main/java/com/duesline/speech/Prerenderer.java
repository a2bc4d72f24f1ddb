package com.duesline.speech;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the bot's prompts ahead of need into the prompt cache: one at a time, on the speech
 * pool's background lane, nearest use first, and a call's prompts are dropped when it ends.
 *
 * <p>One at a time, because a MaryTTS rendering holds a core for a few hundred milliseconds: two at
 * once on two cores left a live call's final and reply waiting behind them (`bench calls` with an
 * empty cache: p95 13 s). Nearest first across calls, because eight calls' whole tracks never all
 * get rendered before they are needed; what each call says next does.
 */
public final class Prerenderer {
  private static final Logger LOG = LoggerFactory.getLogger(Prerenderer.class);

  private record Job(String owner, int distance, long seq, String text) implements Comparable<Job> {
    @Override
    public int compareTo(Job o) {
      if (distance != o.distance) return Integer.compare(distance, o.distance);
      return Long.compare(seq, o.seq);
    }
  }

  private final PromptCache cache;
  private final Executor lane;
  private final PriorityQueue<Job> queue = new PriorityQueue<>();
  private final AtomicLong seq = new AtomicLong();
  private final Counter rendered;
  private boolean running;
  private boolean closed;

  /**
   * Renders into {@code cache} on {@code lane} (the speech pool's background lane); counts what it
   * rendered ({@code duesline.tts.ahead}) and gauges what waits ({@code
   * duesline.tts.ahead.pending}).
   */
  public Prerenderer(PromptCache cache, Executor lane, MeterRegistry registry) {
    this.cache = cache;
    this.lane = lane;
    this.rendered =
        Counter.builder("duesline.tts.ahead")
            .description("prompts rendered (or found cached) ahead of need")
            .register(registry);
    Gauge.builder("duesline.tts.ahead.pending", this, Prerenderer::pending)
        .description("prompts queued to render ahead of need")
        .register(registry);
  }

  /**
   * Queues {@code text} (in the bot's voice, µ-law 8 kHz) for {@code owner}, {@code distance} steps
   * before its use (0 comes first).
   */
  public synchronized void ahead(String owner, int distance, String text) {
    if (closed) return;
    queue.add(new Job(owner, distance, seq.incrementAndGet(), text));
    pump();
  }

  /** Drops what is still queued for {@code owner} (a call that ended). */
  public synchronized void forget(String owner) {
    queue.removeIf(j -> j.owner().equals(owner));
  }

  /** Drops everything queued and takes nothing more (the runtime is closing its speech pool). */
  public synchronized void close() {
    closed = true;
    queue.clear();
  }

  /** Prompts queued and not yet begun. */
  public synchronized int pending() {
    return queue.size();
  }

  private synchronized void pump() {
    if (closed || running || queue.isEmpty()) return;
    Job job = queue.poll();
    running = true;
    try {
      lane.execute(() -> render(job));
    } catch (RejectedExecutionException e) {
      // The pool is shut down: nothing more can be rendered ahead.
      running = false;
      close();
    }
  }

  private void render(Job job) {
    try {
      cache.get(job.text(), "", AudioFormatKind.MULAW8K);
    } catch (RuntimeException e) {
      // Only a head start: the call renders it when it needs it and handles a failure there.
      LOG.warn("could not render a prompt ahead ({})", e.getClass().getSimpleName());
    } finally {
      synchronized (this) {
        running = false;
        rendered.increment();
        pump();
      }
    }
  }
}
