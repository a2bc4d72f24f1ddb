package com.duesline.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.app.Engine;
import com.duesline.campaign.CampaignService;
import com.duesline.config.DueslineConfig;
import com.duesline.live.LiveBoard;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stripe's webhook on a running engine with a real database: events signed by Stripe's own scheme
 * (the SDK's {@code Webhook.Util.computeHmacSha256} over {@code t.payload} at the SDK's clock, sent
 * as {@code t=...,v1=...}; every header is first checked with the SDK's own {@code
 * Webhook.Signature.verifyHeader}, so the test's signing is Stripe's, not the engine's) are applied
 * once; a forged or altered one is refused with 400; a replay, the same event id with another body,
 * or the same payment under a second event id, posts nothing twice; a header carrying several
 * signatures (Stripe during a secret's rotation) is accepted.
 */
class StripeWebhookTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void signedEventsPostOnceAndForgedOnesAreRefused() throws Exception {
    DueslineConfig config =
        DueslineConfig.load(null, k -> null)
            .with("store.data-dir", Files.createTempDirectory("pay-data").toString());
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(config, db)) {
      PaymentFixtures.importEstate(db);
      CampaignService campaigns = new CampaignService(db, Clock.systemUTC());
      campaigns.create("standard");
      campaigns.transition("standard", "start");
      campaigns.plan("standard");
      long promise = PaymentFixtures.promise(db, "M1", "123.45", LocalDate.now().plusDays(3));
      assertThat(
              PaymentFixtures.id(
                  db,
                  "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'M1' AND t.status = 'pending'"))
          .as("the account has a pending contact before it pays")
          .isPositive();

      Payments payments =
          Payments.from(config, db, PaymentFixtures.secrets(true), Clock.systemUTC());
      PaymentRoutes.mount(engine, payments);
      List<JsonObject> news = new CopyOnWriteArrayList<>();
      List<JsonObject> board = new CopyOnWriteArrayList<>();
      engine.vertx().eventBus().<JsonObject>consumer(PaymentNews.ADDRESS, m -> news.add(m.body()));
      engine.vertx().eventBus().<JsonObject>consumer(LiveBoard.ADDRESS, m -> board.add(m.body()));
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      PayLink link = payments.links().issue("M1", null, null);
      assertThat(link.amount())
          .as("an open promise is what is due now")
          .isEqualByComparingTo("123.45");
      String event = completed("evt_1", link.id(), "pi_1", 12345);

      String signature = sign(event, PaymentFixtures.WEBHOOK_SECRET);
      assertThat(
              Webhook.Signature.verifyHeader(
                  event, signature, PaymentFixtures.WEBHOOK_SECRET, Webhook.DEFAULT_TOLERANCE))
          .as("Stripe's own check accepts the test's header")
          .isTrue();
      HttpResponse<String> ok = post(port, event, signature);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(new JsonObject(ok.body()).getBoolean("applied")).isTrue();
      assertThat(
              PaymentFixtures.strings(
                  db, "SELECT payment_ref || ' ' || amount || ' ' || provider FROM payments"))
          .containsExactly("stripe:pi_1 123.45 stripe");
      assertThat(
              PaymentFixtures.id(
                  db,
                  "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'M1' "
                      + "AND t.status IN ('pending', 'claimed')"))
          .as("every pending contact stopped")
          .isZero();
      assertThat(PaymentFixtures.strings(db, "SELECT status FROM promises WHERE id = " + promise))
          .containsExactly("kept");
      assertThat(
              PaymentFixtures.strings(
                  db, "SELECT status FROM pay_links WHERE id = '" + link.id() + "'"))
          .containsExactly("paid");

      // The same delivery again, and the same payment under a new event id: nothing more is posted.
      HttpResponse<String> replay = post(port, event, sign(event, PaymentFixtures.WEBHOOK_SECRET));
      assertThat(replay.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(replay.body()).getBoolean("applied")).isFalse();
      String again = completed("evt_2", link.id(), "pi_1", 12345);
      assertThat(post(port, again, sign(again, PaymentFixtures.WEBHOOK_SECRET)).statusCode())
          .isEqualTo(200);
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).isEqualTo(1);
      assertThat(
              PaymentFixtures.id(
                  db, "SELECT count(*) FROM provider_events WHERE provider = 'stripe'"))
          .isEqualTo(2);
      // A replay of evt_1 with another body, properly signed (a bug or an attacker with the
      // secret): the id was applied, nothing posts.
      String sameId = completed("evt_1", link.id(), "pi_7", 777);
      assertThat(
              new JsonObject(
                      post(port, sameId, sign(sameId, PaymentFixtures.WEBHOOK_SECRET)).body())
                  .getBoolean("applied"))
          .isFalse();
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).isEqualTo(1);

      // Forged: signed with another secret; altered: a valid signature over other bytes; unsigned;
      // stale (outside the tolerance).
      String forged = completed("evt_3", link.id(), "pi_9", 99999);
      String forgedSignature = sign(forged, "whsec_not_the_secret");
      assertThatThrownBy(
              () ->
                  Webhook.Signature.verifyHeader(
                      forged,
                      forgedSignature,
                      PaymentFixtures.WEBHOOK_SECRET,
                      Webhook.DEFAULT_TOLERANCE))
          .as("Stripe's own check refuses it too")
          .isInstanceOf(SignatureVerificationException.class);
      HttpResponse<String> bad = post(port, forged, forgedSignature);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("Stripe-Signature");
      assertThat(
              post(
                      port,
                      forged.replace("99999", "99998"),
                      sign(forged, PaymentFixtures.WEBHOOK_SECRET))
                  .statusCode())
          .isEqualTo(400);
      assertThat(post(port, forged, null).statusCode()).isEqualTo(400);
      long old = Webhook.Util.getTimeNow() - 3600;
      assertThat(
              post(
                      port,
                      forged,
                      "t="
                          + old
                          + ","
                          + Webhook.Signature.EXPECTED_SCHEME
                          + "="
                          + Webhook.Util.computeHmacSha256(
                              PaymentFixtures.WEBHOOK_SECRET, old + "." + forged))
                  .statusCode())
          .isEqualTo(400);
      // Only the v1 scheme counts: a right HMAC under another scheme name (Stripe's old test-mode
      // v0) is refused.
      assertThat(
              post(
                      port,
                      forged,
                      sign(forged, PaymentFixtures.WEBHOOK_SECRET)
                          .replace(Webhook.Signature.EXPECTED_SCHEME + "=", "v0="))
                  .statusCode())
          .isEqualTo(400);
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).isEqualTo(1);

      // During a secret's rotation Stripe signs with each secret: one of several v1 signatures
      // matching is enough.
      String rotated = completed("evt_5", link.id(), "pi_1", 12345);
      long t = Webhook.Util.getTimeNow();
      String v1 = "," + Webhook.Signature.EXPECTED_SCHEME + "=";
      String both =
          "t="
              + t
              + v1
              + Webhook.Util.computeHmacSha256("whsec_the_old_secret", t + "." + rotated)
              + v1
              + Webhook.Util.computeHmacSha256(PaymentFixtures.WEBHOOK_SECRET, t + "." + rotated);
      HttpResponse<String> rotation = post(port, rotated, both);
      assertThat(rotation.statusCode()).as(rotation.body()).isEqualTo(200);
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments"))
          .as("the same payment intent: nothing more")
          .isEqualTo(1);

      // An event that carries no payment (a session still unpaid) is remembered and posts nothing.
      String unpaid = completed("evt_4", link.id(), "pi_4", 500).replace("\"paid\"", "\"unpaid\"");
      assertThat(
              new JsonObject(
                      post(port, unpaid, sign(unpaid, PaymentFixtures.WEBHOOK_SECRET)).body())
                  .getBoolean("payment"))
          .isFalse();
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).isEqualTo(1);

      // One announcement, for the one payment: to whoever acts on it and to the supervisor's board.
      assertThat(news).hasSize(1);
      assertThat(news.get(0).getString("unit")).isEqualTo("M1");
      assertThat(board).filteredOn(e -> "payment".equals(e.getString("type"))).hasSize(1);
    }
  }

  /**
   * A checkout.session.completed event as Stripe sends it (the fields the engine reads, and some it
   * does not).
   */
  static String completed(String eventId, String linkId, String paymentIntent, long amountTotal) {
    return new JsonObject()
        .put("id", eventId)
        .put("object", "event")
        .put("api_version", "2025-08-27.basil")
        .put("created", System.currentTimeMillis() / 1000)
        .put("type", "checkout.session.completed")
        .put("livemode", false)
        .put(
            "data",
            new JsonObject()
                .put(
                    "object",
                    new JsonObject()
                        .put("id", "cs_test_" + eventId)
                        .put("object", "checkout.session")
                        .put("client_reference_id", linkId)
                        .put("payment_status", "paid")
                        .put("status", "complete")
                        .put("amount_total", amountTotal)
                        .put("currency", "usd")
                        .put("payment_intent", paymentIntent)
                        .put("metadata", new JsonObject().put("unit", "M1"))))
        .encode();
  }

  /**
   * The Stripe-Signature header Stripe would send: t=timestamp, v1=HMAC-SHA256(secret,
   * "t.payload").
   */
  static String sign(String payload, String secret) throws Exception {
    long t = Webhook.Util.getTimeNow();
    return "t="
        + t
        + ","
        + Webhook.Signature.EXPECTED_SCHEME
        + "="
        + Webhook.Util.computeHmacSha256(secret, t + "." + payload);
  }

  private HttpResponse<String> post(int port, String body, String signature) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/stripe/webhook"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) b.header("Stripe-Signature", signature);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
