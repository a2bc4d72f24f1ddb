package com.duesline.app;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts an engine, prints where it listens, and blocks until Ctrl-C, then closes it (store
 * included).
 */
final class EngineRunner {
  private EngineRunner() {}

  static int runUntilStopped(Engine engine, int port, PrintWriter out) throws Exception {
    return runUntilStopped(engine, port, out, false, null);
  }

  /** Work that runs once the engine listens (blocking is fine: it runs on the main thread). */
  interface AfterStart {
    void run(Engine engine) throws Exception;
  }

  /**
   * As above, then runs {@code afterStart}; with {@code exitWhenDone} the engine closes and this
   * returns once that work is finished, instead of waiting for Ctrl-C.
   */
  static int runUntilStopped(
      Engine engine, int port, PrintWriter out, boolean exitWhenDone, AfterStart afterStart)
      throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              engine.close();
              stopped.countDown();
            },
            "duesline-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    // Work after start may mount routes (the call runtime and its webhooks): until it is done they
    // answer 503.
    if (afterStart != null) engine.holdUntilReady();
    int bound;
    try {
      bound =
          engine.start(port).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      engine.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException(
          "cannot listen on port " + port + ": " + cause.getMessage(), cause);
    }
    out.printf(
        "Duesline is running at http://localhost:%d/ (store %s). Ctrl-C stops it.%n",
        bound, engine.database().jdbcUrl());
    out.flush();
    if (afterStart != null) {
      try {
        afterStart.run(engine);
        engine.ready();
      } catch (Exception e) {
        engine.ready();
        if (exitWhenDone) {
          Runtime.getRuntime().removeShutdownHook(hook);
          engine.close();
          throw e;
        }
        out.println("demo calls stopped: " + e.getMessage());
        out.flush();
      }
    }
    if (exitWhenDone) {
      Runtime.getRuntime().removeShutdownHook(hook);
      engine.close();
      return 0;
    }
    stopped.await();
    return 0;
  }
}
