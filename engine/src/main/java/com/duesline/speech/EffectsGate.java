package com.duesline.speech;

/**
 * Lets MaryTTS requests run at once only when none of them asks for effects. MaryTTS's HMM voice is
 * one object per process and a request's effects are set on it while it renders and reset when it
 * ends, so a request can render with another's settings: with different effects (measured in {@code
 * SynthesizerConcurrencyTest}), and with the same ones too, likely when one request resets them
 * while the other is still rendering (that test failed so on 2 Dec: "yes, and stop calling me ..."
 * with F0Scale and Rate came out slightly different). Requests without effects change nothing and
 * render together: the bot's own prompts keep their parallelism. A request with effects (a
 * simulated caller's line) renders alone; it waits for the running ones to finish, and while it
 * waits no new request joins them, so it is not starved.
 */
final class EffectsGate {
  private String current;
  private int running;
  private int waiting;

  /**
   * Blocks until a request with {@code settings} ({@code voice|effects}, effects empty for none)
   * may render.
   */
  synchronized void enter(String settings) throws InterruptedException {
    if (running > 0 && together(settings) && waiting == 0) {
      running++;
      return;
    }
    waiting++;
    try {
      while (running > 0 && !(together(settings) && waiting == 1)) wait();
    } finally {
      waiting--;
    }
    current = settings;
    running++;
    notifyAll();
  }

  /** Whether a request with {@code settings} may render beside the running ones. */
  private boolean together(String settings) {
    return settings.equals(current) && settings.endsWith("|");
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
