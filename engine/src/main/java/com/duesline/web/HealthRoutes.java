package com.duesline.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Instant;

/** {@code /health} (JSON: engine and store status) and the health page at {@code /}. */
public final class HealthRoutes {
  private HealthRoutes() {}

  /** Mounts {@code GET /health}: 200 with {@code status: UP} when the store answers, 503 otherwise. */
  public static void mountApi(Router router, Pool pool, String storeUrl) {
    Instant started = Instant.now();
    router.get("/health").handler(ctx ->
        pool.query("SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM charges) AS charges").execute()
            .onSuccess(rows -> {
              var row = rows.iterator().next();
              ctx.response().putHeader("content-type", "application/json")
                  .end(new JsonObject()
                      .put("status", "UP")
                      .put("store", new JsonObject().put("status", "UP").put("url", storeUrl)
                          .put("units", row.getLong("units")).put("charges", row.getLong("charges")))
                      .put("started", started.toString())
                      .encode());
            })
            .onFailure(err -> ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", "DOWN")
                    .put("store", new JsonObject().put("status", "DOWN").put("error", err.getMessage())).encode())));
  }

  /** Mounts the human health page at {@code GET /} (last, so a dashboard mounted earlier wins). */
  public static void mountPage(Router router) {
    router.get("/").handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8").end("""
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
