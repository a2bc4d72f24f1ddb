package com.duesline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine over a real database: health, metrics, the demo's sample import, routes mounted by
 * others.
 */
class EngineTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesHealthMetricsAndPageAndLetsCapabilitiesMountRoutes() throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      assertThat(DemoCommand.loadSampleIfEmpty(db)).isGreaterThan(30_000);
      assertThat(DemoCommand.loadSampleIfEmpty(db))
          .as("second start keeps the store as it is")
          .isZero();
      engine
          .router()
          .get("/api/ping")
          .handler(
              ctx ->
                  engine
                      .blocking(() -> Thread.currentThread().getName())
                      .onSuccess(name -> ctx.response().end(name)));
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      HttpResponse<String> health = get(port, "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      JsonObject h = new JsonObject(health.body());
      assertThat(h.getString("status")).isEqualTo("UP");
      assertThat(h.getJsonObject("store").getLong("units")).isEqualTo(600);

      assertThat(get(port, "/").body()).contains("<h1>Duesline</h1>");
      assertThat(get(port, "/api/ping").body()).startsWith(Engine.WORKER_POOL);
      HttpResponse<String> metrics = get(port, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("vertx_http_server_requests_total");
    }
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
