package com.duesline.call;

import com.duesline.app.Engine;
import com.duesline.telephony.carrier.Carrier;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/recordings/:attemptId}: the call's recording as {@code audio/wav}, fetched from
 * the carrier that made it (the reference is on the attempt). 404 when the attempt has none (not
 * answered, or the carrier has not reported it yet); 400 for an id that is not a number.
 */
public final class RecordingRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingRoutes.class);

  private RecordingRoutes() {}

  public static void mount(Engine engine, CallJournal journal, Carrier carrier) {
    engine
        .router()
        .get("/api/recordings/:attemptId")
        .handler(
            ctx -> {
              long id;
              try {
                id = Long.parseLong(ctx.pathParam("attemptId"));
              } catch (NumberFormatException e) {
                problem(
                    ctx,
                    400,
                    "attemptId: expected a number, got '" + ctx.pathParam("attemptId") + "'");
                return;
              }
              engine
                  .blocking(() -> journal.recordingUrl(id))
                  .compose(
                      url ->
                          url.isEmpty()
                              ? Future.<Buffer>succeededFuture(null)
                              : carrier.recording(url.get()))
                  .onSuccess(
                      audio -> {
                        if (audio == null)
                          problem(ctx, 404, "attemptId: attempt " + id + " has no recording");
                        else ctx.response().putHeader("Content-Type", "audio/wav").end(audio);
                      })
                  .onFailure(
                      e -> {
                        LOG.warn(
                            "recording of attempt {} could not be fetched: {}", id, e.getMessage());
                        problem(ctx, 502, "recording: the carrier did not return it");
                      });
            });
  }

  private static void problem(RoutingContext ctx, int status, String problem) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("problems", new JsonArray().add(problem)).encode());
  }
}
