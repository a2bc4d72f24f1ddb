package com.duesline.app;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Starts an engine, prints where it listens, and blocks until Ctrl-C, then closes it (store included). */
final class EngineRunner {
  private EngineRunner() {}

  static int runUntilStopped(Engine engine, int port, PrintWriter out) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      engine.close();
      stopped.countDown();
    }, "duesline-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    int bound;
    try {
      bound = engine.start(port).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      engine.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot listen on port " + port + ": " + cause.getMessage(), cause);
    }
    out.printf("Duesline is running at http://localhost:%d/ (store %s). Ctrl-C stops it.%n", bound, engine.database().jdbcUrl());
    out.flush();
    stopped.await();
    return 0;
  }
}
