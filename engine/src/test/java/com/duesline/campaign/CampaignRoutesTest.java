package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
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
 * The REST routes over the real engine and database: campaign lifecycle, payment stop, policy JSON,
 * refusals.
 */
class CampaignRoutesTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void campaignsPaymentsAndPolicyOverRest() throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      DemoCommand.loadSampleIfEmpty(db);
      CampaignRoutes.mount(engine);
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      assertThat(post(port, "/api/campaigns", "{\"definition\": \"nope\"}").statusCode())
          .isEqualTo(400);
      assertThat(post(port, "/api/campaigns", "{\"definition\": \"standard\"}").statusCode())
          .isEqualTo(201);
      HttpResponse<String> started = post(port, "/api/campaigns/standard/start", "{}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
      assertThat(new JsonObject(started.body()).getString("status")).isEqualTo("running");

      // A unit with an open task: paying cancels it.
      String unit =
          CampaignIntegrationTest.strings(
                  db,
                  "SELECT u.unit_code FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE t.status = 'pending' LIMIT 1")
              .get(0);
      HttpResponse<String> paid =
          post(
              port,
              "/api/payments",
              "{\"unit\": \"" + unit + "\", \"amount\": 99999, \"ref\": \"R-1\"}");
      assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
      assertThat(new JsonObject(paid.body()).getInteger("cancelled_tasks")).isEqualTo(1);
      assertThat(
              post(
                      port,
                      "/api/payments",
                      "{\"unit\": \"" + unit + "\", \"amount\": 1, \"ref\": \"R-1\"}")
                  .body())
          .contains("already posted");

      HttpResponse<String> policy = get(port, "/api/policy/" + unit + "?channel=call");
      assertThat(policy.statusCode()).isEqualTo(200);
      JsonObject d = new JsonObject(policy.body());
      assertThat(d.getBoolean("allowed")).isFalse();
      assertThat(d.getJsonArray("reasons").getList()).contains("PAID");
      assertThat(get(port, "/api/policy/NO-SUCH?channel=call").statusCode()).isEqualTo(400);
    }
  }

  private HttpResponse<String> post(int port, String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
