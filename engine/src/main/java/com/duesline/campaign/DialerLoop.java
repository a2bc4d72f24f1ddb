package com.duesline.campaign;

import com.duesline.app.Engine;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Dialer#tick()} every period on the engine's worker pool (it is blocking JDBC), never
 * on an event loop, and never two ticks at once.
 */
public final class DialerLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DialerLoop.class);
  private final Engine engine;
  private final long timer;
  private final AtomicBoolean busy = new AtomicBoolean();

  private DialerLoop(Engine engine, Dialer dialer, long periodMs) {
    this.engine = engine;
    this.timer =
        engine
            .vertx()
            .setPeriodic(
                periodMs,
                id -> {
                  if (!busy.compareAndSet(false, true)) return;
                  engine
                      .blocking(dialer::tick)
                      .onFailure(e -> LOG.error("dialer tick failed: {}", e.getMessage()))
                      .onComplete(r -> busy.set(false));
                });
  }

  /** Starts ticking every {@code periodMs} milliseconds until closed. */
  public static DialerLoop start(Engine engine, Dialer dialer, long periodMs) {
    return new DialerLoop(engine, dialer, periodMs);
  }

  @Override
  public void close() {
    engine.vertx().cancelTimer(timer);
  }
}
