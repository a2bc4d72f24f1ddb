package com.duesline.call;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one thread a call's stages run on, with its clock and timers: the call's Vert.x context in
 * production, a manual clock in stage tests.
 */
interface CallContext {
  /** Now, nanoTime. */
  long nanos();

  /** Runs {@code action} on the call's context after {@code ms}; returns an id to cancel it. */
  long setTimer(long ms, Runnable action);

  /** Cancels a timer (an unknown or fired id is ignored). */
  void cancelTimer(long id);

  /** Runs {@code action} on the call's context (from any thread). */
  void run(Runnable action);

  /** The production context: a Vert.x context and its timers. */
  static CallContext of(Vertx vertx, Context context) {
    return new CallContext() {
      @Override
      public long nanos() {
        return System.nanoTime();
      }

      @Override
      public long setTimer(long ms, Runnable action) {
        return vertx.setTimer(Math.max(1, ms), id -> context.runOnContext(v -> action.run()));
      }

      @Override
      public void cancelTimer(long id) {
        if (id >= 0) vertx.cancelTimer(id);
      }

      @Override
      public void run(Runnable action) {
        context.runOnContext(v -> action.run());
      }
    };
  }
}
