package com.duesline.call;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call's tasks in order, one at a time, on a shared pool: a call's audio frames must reach
 * its recognizer in sequence, while different calls decode in parallel on all cores. A task someone
 * waits for ({@link #executeUrgent}: the end of an utterance) gets the call's queue a thread ahead
 * of other calls' routine decoding. Counts the CPU time its tasks used (the call's share of the
 * pool).
 */
final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final Executor pool;
  private final Executor urgentPool;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;
  private boolean queued;
  private boolean queuedUrgent;
  private final java.util.concurrent.atomic.AtomicLong cpuNanos =
      new java.util.concurrent.atomic.AtomicLong();

  SerialExecutor(Executor pool) {
    this(pool, pool);
  }

  SerialExecutor(Executor pool, Executor urgentPool) {
    this.pool = pool;
    this.urgentPool = urgentPool;
  }

  @Override
  public void execute(Runnable task) {
    add(task, false);
  }

  /**
   * Queues a task whose result someone waits for: the call's queue is served ahead of routine work.
   */
  void executeUrgent(Runnable task) {
    add(task, true);
  }

  /** CPU seconds this call's tasks used so far. */
  double cpuSeconds() {
    return cpuNanos.get() / 1e9;
  }

  private void add(Runnable task, boolean urgent) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) return;
      if (urgent) {
        if (queuedUrgent) return;
        queuedUrgent = true;
      } else {
        if (queued || queuedUrgent) return;
        queued = true;
      }
    }
    (urgent ? urgentPool : pool).execute(() -> drain(urgent));
  }

  private void drain(boolean urgent) {
    synchronized (tasks) {
      if (urgent) queuedUrgent = false;
      else queued = false;
      if (running) return;
      running = true;
    }
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    try {
      while (true) {
        Runnable next;
        synchronized (tasks) {
          next = tasks.poll();
          if (next == null) {
            running = false;
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException e) {
          LOG.warn("call task failed: {}", e.toString(), e);
        }
      }
    } finally {
      cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
    }
  }
}
