package com.duesline.conversation;

import com.duesline.scripts.TrackRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Hot reload in a running engine: every {@code tracks.reload-interval-ms} the library files are
 * checked on a worker thread (file reads never run on an event loop) and edited tracks replace the
 * served ones; a bad edit is refused by {@link TrackRepository} and logged with file:line.
 */
public final class TrackReloader {
  private final Vertx vertx;
  private final TrackRepository repository;
  private long timerId = -1;

  public TrackReloader(Vertx vertx, TrackRepository repository) {
    this.vertx = vertx;
    this.repository = repository;
  }

  /** Starts checking every {@code intervalMs} milliseconds. */
  public void start(long intervalMs) {
    if (timerId >= 0) throw new IllegalStateException("already started");
    timerId = vertx.setPeriodic(intervalMs, id -> refresh());
  }

  /** One check now, off the event loop; completes with what changed. */
  public Future<TrackRepository.Reload> refresh() {
    return vertx.executeBlocking(repository::refresh, false);
  }

  public void stop() {
    if (timerId >= 0) vertx.cancelTimer(timerId);
    timerId = -1;
  }
}
