package com.duesline.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** {@code /health} (JSON: engine and store status) and the health page at {@code /}. */
public final class HealthRoutes {
  private HealthRoutes() {}

  /**
   * Seconds a client is asked to wait while the engine starts (speech models load in about that).
   */
  static final int RETRY_AFTER_S = 5;

  /** Paths that answer while the engine is starting: the health check, metrics and static files. */
  public static boolean answersWhileStarting(String path) {
    return path.equals("/health") || path.equals("/metrics") || path.startsWith("/static/");
  }

  /** The answer to any other path while starting: 503, Retry-After, and why. */
  public static void starting(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(503)
        .putHeader("Retry-After", Integer.toString(RETRY_AFTER_S))
        .putHeader("content-type", "application/json")
        .end(
            new JsonObject()
                .put(
                    "problems",
                    new io.vertx.core.json.JsonArray()
                        .add(
                            "starting: the engine is loading (speech models, carrier webhooks); retry in "
                                + RETRY_AFTER_S
                                + " s"))
                .encode());
  }

  /**
   * Mounts {@code GET /health}: 200 with {@code status: UP} when ready and the store answers; 503
   * with {@code status: STARTING} (and Retry-After) while routes are still being mounted, or {@code
   * DOWN} when the store does not answer. {@code ready} is always in the body.
   */
  public static void mountApi(Router router, Pool pool, String storeUrl, BooleanSupplier ready) {
    mountApi(router, pool, storeUrl, ready, () -> null);
  }

  /**
   * As above; {@code cluster} (null outside a cluster) is reported under {@code cluster}: this node
   * and the members it sees.
   */
  public static void mountApi(
      Router router,
      Pool pool,
      String storeUrl,
      BooleanSupplier ready,
      java.util.function.Supplier<JsonObject> cluster) {
    Instant started = Instant.now();
    router
        .get("/health")
        .handler(
            ctx ->
                pool.query(
                        "SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM charges) AS charges")
                    .execute()
                    .onSuccess(
                        rows -> {
                          var row = rows.iterator().next();
                          boolean isReady = ready.getAsBoolean();
                          if (!isReady)
                            ctx.response()
                                .setStatusCode(503)
                                .putHeader("Retry-After", Integer.toString(RETRY_AFTER_S));
                          JsonObject members = cluster.get();
                          ctx.response()
                              .putHeader("content-type", "application/json")
                              .end(
                                  new JsonObject()
                                      .put("status", isReady ? "UP" : "STARTING")
                                      .put("ready", isReady)
                                      .put(
                                          "store",
                                          new JsonObject()
                                              .put("status", "UP")
                                              .put("url", storeUrl)
                                              .put("units", row.getLong("units"))
                                              .put("charges", row.getLong("charges")))
                                      .put("started", started.toString())
                                      .mergeIn(
                                          members == null
                                              ? new JsonObject()
                                              : new JsonObject().put("cluster", members))
                                      .encode());
                        })
                    .onFailure(
                        err ->
                            ctx.response()
                                .setStatusCode(503)
                                .putHeader("content-type", "application/json")
                                .end(
                                    new JsonObject()
                                        .put("status", "DOWN")
                                        .put("ready", false)
                                        .put(
                                            "store",
                                            new JsonObject()
                                                .put("status", "DOWN")
                                                .put("error", err.getMessage()))
                                        .encode())));
  }

  /** Mounts the human health page at {@code GET /} (last, so a dashboard mounted earlier wins). */
  public static void mountPage(Router router) {
    router
        .get("/")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/html; charset=utf-8")
                    .end(
                        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Duesline</title>
        <style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:40rem}code{background:#eee;padding:0 .3em}</style>
        </head><body>
        <h1>Duesline</h1>
        <p id="status">checking the engine&hellip;</p>
        <ul><li><a href="/health">/health</a> (JSON)</li><li><a href="/metrics">/metrics</a> (Prometheus)</li></ul>
        <script>
        fetch('/health').then(r => r.json()).then(h => {
          document.getElementById('status').textContent =
            'Engine ' + h.status + '; store ' + h.store.status +
            (h.store.units !== undefined ? ' with ' + h.store.units + ' units and ' + h.store.charges + ' charges' : '');
        }).catch(e => { document.getElementById('status').textContent = 'health check failed: ' + e; });
        </script>
        </body></html>
        """));
  }
}
