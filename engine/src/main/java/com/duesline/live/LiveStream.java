package com.duesline.live;

import com.duesline.app.Engine;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Server-sent events: {@code GET /api/live/stream} sends the board's snapshot, then every change as
 * it happens (event name = change type). A heartbeat comment every 15 s keeps proxies from closing
 * an idle stream and lets the page notice a dead one. A slow reader is dropped rather than buffered
 * without bound; its browser reconnects and starts from a fresh snapshot.
 */
public final class LiveStream {
  private static final long HEARTBEAT_MS = 15_000;

  /** Bytes queued for one viewer beyond which it is cut off. */
  private static final int MAX_QUEUED = 4 * 1024 * 1024;

  private LiveStream() {}

  /** Mounts the supervisor's stream of the whole board. */
  public static void mount(Engine engine, LiveBoard board) {
    engine
        .router()
        .get("/api/live/stream")
        .handler(ctx -> open(ctx, board::snapshot, ev -> true, board::since));
    engine.router().get("/api/live/snapshot").handler(ctx -> ctx.json(board.snapshot()));
  }

  /**
   * Streams board events that pass {@code filter} to this request, after the event {@code snapshot}
   * from {@code snapshot}. Used by the supervisor and the agent console.
   */
  public static void open(
      RoutingContext ctx, Supplier<JsonObject> snapshot, Predicate<JsonObject> filter) {
    open(ctx, snapshot, filter, id -> java.util.Optional.empty());
  }

  /**
   * As above; a page that reconnects with {@code Last-Event-ID} gets the events it missed from
   * {@code replay} (possibly another node's record of them) instead of a snapshot, when they are
   * still kept.
   */
  public static void open(
      RoutingContext ctx,
      Supplier<JsonObject> snapshot,
      Predicate<JsonObject> filter,
      java.util.function.Function<String, java.util.Optional<java.util.List<JsonObject>>> replay) {
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .putHeader("x-accel-buffering", "no");
    res.setWriteQueueMaxSize(MAX_QUEUED);
    res.write("retry: 2000\n\n");
    var missed = replay.apply(ctx.request().getHeader("Last-Event-ID"));
    if (missed.isPresent()) {
      for (JsonObject ev : missed.get()) if (filter.test(ev)) res.write(event(ev));
    } else {
      res.write(event("snapshot", snapshot.get()));
    }
    MessageConsumer<JsonObject> consumer =
        ctx.vertx()
            .eventBus()
            .consumer(
                LiveBoard.ADDRESS,
                msg -> {
                  JsonObject ev = msg.body();
                  if (!filter.test(ev)) return;
                  if (res.writeQueueFull()) {
                    res.reset();
                    return;
                  }
                  res.write(event(ev));
                });
    long heartbeat =
        ctx.vertx()
            .setPeriodic(
                HEARTBEAT_MS,
                id -> {
                  if (!res.closed()) res.write(": heartbeat\n\n");
                });
    res.closeHandler(
        v -> {
          consumer.unregister();
          ctx.vertx().cancelTimer(heartbeat);
        });
  }

  /**
   * A board event with its SSE id ({@code origin:seq}), so a reconnecting page can say where it
   * stopped.
   */
  private static String event(JsonObject ev) {
    return "id: "
        + LiveBoard.eventId(ev)
        + "\n"
        + event(ev.getString("type"), ev.getJsonObject("data"));
  }

  private static String event(String name, JsonObject data) {
    return "event: " + name + "\ndata: " + data.encode() + "\n\n";
  }
}
