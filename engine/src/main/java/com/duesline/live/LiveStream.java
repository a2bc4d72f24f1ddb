package com.duesline.live;

import com.duesline.app.Engine;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Server-sent events: {@code GET /api/live/stream} sends the board's snapshot, then every change as it
 * happens (event name = change type). A heartbeat comment every 15 s keeps proxies from closing an idle
 * stream and lets the page notice a dead one. A slow reader is dropped rather than buffered without
 * bound; its browser reconnects and starts from a fresh snapshot.
 */
public final class LiveStream {
  private static final long HEARTBEAT_MS = 15_000;
  /** Bytes queued for one viewer beyond which it is cut off. */
  private static final int MAX_QUEUED = 4 * 1024 * 1024;

  private LiveStream() {}

  /** Mounts the supervisor's stream of the whole board. */
  public static void mount(Engine engine, LiveBoard board) {
    engine.router().get("/api/live/stream").handler(ctx -> open(ctx, board::snapshot, ev -> true));
    engine.router().get("/api/live/snapshot").handler(ctx -> ctx.json(board.snapshot()));
  }

  /**
   * Streams board events that pass {@code filter} to this request, after the event {@code snapshot}
   * from {@code snapshot}. Used by the supervisor and the agent console.
   */
  public static void open(RoutingContext ctx, Supplier<JsonObject> snapshot, Predicate<JsonObject> filter) {
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .putHeader("x-accel-buffering", "no");
    res.setWriteQueueMaxSize(MAX_QUEUED);
    res.write("retry: 2000\n\n");
    res.write(event("snapshot", snapshot.get()));
    MessageConsumer<JsonObject> consumer = ctx.vertx().eventBus().consumer(LiveBoard.ADDRESS, msg -> {
      JsonObject ev = msg.body();
      if (!filter.test(ev)) return;
      if (res.writeQueueFull()) {
        res.reset();
        return;
      }
      res.write(event(ev.getString("type"), ev.getJsonObject("data")));
    });
    long heartbeat = ctx.vertx().setPeriodic(HEARTBEAT_MS, id -> {
      if (!res.closed()) res.write(": heartbeat\n\n");
    });
    res.closeHandler(v -> {
      consumer.unregister();
      ctx.vertx().cancelTimer(heartbeat);
    });
  }

  private static String event(String name, JsonObject data) {
    return "event: " + name + "\ndata: " + data.encode() + "\n\n";
  }
}
