package com.duesline.store;

import io.vertx.core.Context;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches blocking work on a Vert.x event loop: {@link Database#connection()} calls it, so every
 * JDBC use passes here. With assertions on (the test suite: Surefire runs with {@code -ea}) it
 * throws, failing the test that did it; in production it logs once per calling method rather than
 * break a call in progress. {@code -Dduesline.blocking-guard=warn} or {@code =fail} chooses
 * explicitly.
 */
public final class BlockingGuard {
  private static final Logger LOG = LoggerFactory.getLogger(BlockingGuard.class);

  /**
   * {@code -Dduesline.blocking-guard=fail|warn} overrides the default (fail under {@code -ea}, else
   * warn).
   */
  private static final boolean FAIL =
      switch (System.getProperty("duesline.blocking-guard", "")) {
        case "fail" -> true;
        case "warn" -> false;
        default -> BlockingGuard.class.desiredAssertionStatus();
      };

  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private BlockingGuard() {}

  /**
   * Refuses (tests) or reports (production) {@code what} when the current thread is an event loop.
   */
  public static void notOnEventLoop(String what) {
    if (!Context.isOnEventLoopThread()) return;
    String where = caller();
    String message =
        what
            + " on event-loop thread "
            + Thread.currentThread().getName()
            + " (from "
            + where
            + "); run it on a worker: Engine.blocking(...) or executeBlocking";
    if (FAIL) throw new IllegalStateException(message);
    if (WARNED.add(where)) LOG.warn(message);
  }

  /** The first frame outside this package: who asked for the connection. */
  private static String caller() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(f -> !f.getClassName().startsWith("com.duesline.store."))
                    .findFirst()
                    .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                    .orElse("?"));
  }
}
