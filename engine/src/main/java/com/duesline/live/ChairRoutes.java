package com.duesline.live;

import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator;
import com.duesline.call.LiveCall;
import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import com.duesline.web.JsonBody;
import com.duesline.web.Problems;
import com.duesline.web.Viewer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's chair on a live call (supervisors only, by the access rules' deny-by-default on
 * {@code /api/live/}; both audited):
 *
 * <pre>
 * GET  /api/live/calls/:id/listen    WebSocket: the call's audio both ways, binary messages of
 *                                    one byte (0 caller, 1 bot, 2 bot audio cleared) + 8 kHz µ-law
 * POST /api/live/calls/:id/takeover  {"address"?: "sip:..." | "+1..."}  the bot leaves, the call is transferred
 *                                    to the address (default the supervisor's own), the transcript notes it
 * </pre>
 */
public final class ChairRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ChairRoutes.class);

  /**
   * Bytes queued to one listener beyond which frames are dropped (a listener that cannot keep up
   * hears gaps, not a growing delay).
   */
  private static final int MAX_QUEUED = 64 * 1024;

  static final byte CALLER = 0;
  static final byte BOT = 1;
  static final byte CLEARED = 2;

  private ChairRoutes() {}

  /** Mounts both routes over the coordinator's live calls. */
  public static void mount(
      Engine engine, CallCoordinator coordinator, com.duesline.web.Users users) {
    engine
        .router()
        .get("/api/live/calls/:id/listen")
        .handler(ctx -> listen(engine, coordinator, ctx));
    engine
        .router()
        .post("/api/live/calls/:id/takeover")
        .handler(io.vertx.ext.web.handler.BodyHandler.create().setBodyLimit(4096))
        .handler(ctx -> takeOver(engine, coordinator, users, ctx));
  }

  private static void listen(Engine engine, CallCoordinator coordinator, RoutingContext ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      Problems.fail(
          ctx,
          new InputRejectedException(
              "id: expected a call (attempt) number, got '" + ctx.pathParam("id") + "'"));
      return;
    }
    Optional<LiveCall> call = coordinator.live(id);
    if (call.isEmpty()) {
      Problems.fail(ctx, new java.util.NoSuchElementException("call: no live call " + id));
      return;
    }
    Viewer who = Viewer.of(ctx);
    Vertx vertx = ctx.vertx();
    ctx.request()
        .toWebSocket()
        .onSuccess(
            ws -> {
              ws.setWriteQueueMaxSize(MAX_QUEUED);
              LiveCall.AudioListener listener =
                  new LiveCall.AudioListener() {
                    @Override
                    public void caller(byte[] mulaw) {
                      send(ws, CALLER, mulaw);
                    }

                    @Override
                    public void bot(byte[] mulaw) {
                      send(ws, BOT, mulaw);
                    }

                    @Override
                    public void cleared() {
                      send(ws, CLEARED, new byte[0]);
                    }
                  };
              // The listener runs on the call's context: register it there, and remove it there
              // when the page leaves.
              call.get().listen(listener);
              ws.closeHandler(v -> call.get().unlisten(listener));
              audit(engine, who.name(), "live.listen", id, new JsonObject());
              LOG.info("attempt {}: {} is listening in", id, who.name());
            })
        .onFailure(e -> LOG.info("attempt {}: listen-in socket refused: {}", id, e.getMessage()));
  }

  private static void send(ServerWebSocket ws, byte kind, byte[] mulaw) {
    if (ws.isClosed() || ws.writeQueueFull()) return;
    Buffer b = Buffer.buffer(mulaw.length + 1).appendByte(kind).appendBytes(mulaw);
    ws.writeBinaryMessage(b);
  }

  private static void takeOver(
      Engine engine,
      CallCoordinator coordinator,
      com.duesline.web.Users users,
      RoutingContext ctx) {
    Viewer who = Viewer.of(ctx);
    long id;
    String given;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      Problems.fail(ctx, new InputRejectedException("id: expected a call number in the path"));
      return;
    }
    try {
      // The body is optional: without one the agent's address on file is used.
      JsonObject body =
          ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : JsonBody.object(ctx);
      given = JsonBody.string(body, "address");
    } catch (InputRejectedException e) {
      Problems.fail(ctx, e);
      return;
    }
    engine
        .blocking(
            () -> {
              String address =
                  given == null || given.isBlank()
                      ? users.address(who.name()).orElse(null)
                      : given.trim();
              if (address == null)
                throw new InputRejectedException(
                    "address: you have no transfer address on file; give one (sip:... or +1...)");
              if (!address.matches("sip:[^\\s]+|\\+[1-9][0-9]{6,14}")) {
                throw new InputRejectedException(
                    "address: expected sip:... or an E.164 number, got '" + address + "'");
              }
              return address;
            })
        .compose(
            address -> {
              var done = io.vertx.core.Promise.<String>promise();
              // The coordinator and the call live on the event loop; the transfer is asked from
              // there.
              ctx.vertx()
                  .runOnContext(
                      v ->
                          coordinator
                              .takeOver(id, who.name(), address)
                              .map(address)
                              .onComplete(done));
              return done.future();
            })
        .compose(
            address ->
                engine.blocking(
                    () -> {
                      audit(
                          engine.database(),
                          who.name(),
                          "live.take_over",
                          id,
                          new JsonObject().put("address", address));
                      return address;
                    }))
        .onSuccess(
            address ->
                ctx.json(
                    new JsonObject()
                        .put("call", id)
                        .put("transferred_to", address)
                        .put("by", who.name())))
        .onFailure(err -> Problems.fail(ctx, err));
  }

  private static void audit(
      Engine engine, String actor, String action, long attemptId, JsonObject details) {
    engine
        .blocking(
            () -> {
              audit(engine.database(), actor, action, attemptId, details);
              return null;
            })
        .onFailure(
            e -> LOG.warn("attempt {}: audit of {} failed: {}", attemptId, action, e.getMessage()));
  }

  private static void audit(
      Database db, String actor, String action, long attemptId, JsonObject details)
      throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES (?, ?, 'attempt', ?, ?::jsonb)")) {
      ps.setString(1, actor);
      ps.setString(2, action);
      ps.setString(3, String.valueOf(attemptId));
      ps.setString(4, details.encode());
      ps.executeUpdate();
    }
  }
}
