package com.duesline.speech;

/**
 * Lets MaryTTS requests run at once only when they ask for the same voice and effects. MaryTTS's
 * HMM voice is one object per process and a request's effects are set on it while it renders, so
 * two requests with different effects can render with each other's settings; requests with the same
 * settings render exactly as alone (both measured: {@code SynthesizerConcurrencyTest}). The bot's
 * own prompts share one setting and keep their parallelism; a simulated caller's line with its own
 * effects waits for the running ones to finish, and while it waits no new request joins them, so it
 * is not starved.
 */
final class EffectsGate {
  private String current;
  private int running;
  private int waiting;

  /** Blocks until a request with {@code settings} may render. */
  synchronized void enter(String settings) throws InterruptedException {
    if (running > 0 && settings.equals(current) && waiting == 0) {
      running++;
      return;
    }
    waiting++;
    try {
      while (running > 0 && !(settings.equals(current) && waiting == 1)) wait();
    } finally {
      waiting--;
    }
    current = settings;
    running++;
    notifyAll();
  }

  /** How many requests wait to enter. */
  synchronized int waiting() {
    return waiting;
  }

  /** The request entered with {@link #enter} has finished. */
  synchronized void exit() {
    if (--running == 0) notifyAll();
  }
}
