package com.duesline.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.campaign.CampaignService;
import com.duesline.config.DueslineConfig;
import com.duesline.live.LiveBoard;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
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
 * (the SDK's {@code Webhook.Util.computeHmacSha256} over {@code t.payload}, sent as {@code t=...,v1=...})
 * are applied once; a forged or altered one is refused with 400; a replay, or the same payment under a
 * second event id, posts nothing twice.
 */
class StripeWebhookTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void signedEventsPostOnceAndForgedOnesAreRefused() throws Exception {
    DueslineConfig config = DueslineConfig.load(null, k -> null).with("store.data-dir", Files.createTempDirectory("pay-data").toString());
    try (Database db = TestDatabase.fresh(); Engine engine = Engine.create(config, db)) {
      PaymentFixtures.importEstate(db);
      CampaignService campaigns = new CampaignService(db, Clock.systemUTC());
      campaigns.create("standard");
      campaigns.transition("standard", "start");
      campaigns.plan("standard");
      long promise = PaymentFixtures.promise(db, "M1", "123.45", LocalDate.now().plusDays(3));
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'M1' AND t.status = 'pending'"))
          .as("the account has a pending contact before it pays").isPositive();

      Payments payments = Payments.from(config, db, PaymentFixtures.secrets(true), Clock.systemUTC());
      PaymentRoutes.mount(engine, payments);
      List<JsonObject> news = new CopyOnWriteArrayList<>();
      List<JsonObject> board = new CopyOnWriteArrayList<>();
      engine.vertx().eventBus().<JsonObject>consumer(PaymentNews.ADDRESS, m -> news.add(m.body()));
      engine.vertx().eventBus().<JsonObject>consumer(LiveBoard.ADDRESS, m -> board.add(m.body()));
      int port = engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      PayLink link = payments.links().issue("M1", null, null);
      assertThat(link.amount()).as("an open promise is what is due now").isEqualByComparingTo("123.45");
      String event = completed("evt_1", link.id(), "pi_1", 12345);

      HttpResponse<String> ok = post(port, event, sign(event, PaymentFixtures.WEBHOOK_SECRET));
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(new JsonObject(ok.body()).getBoolean("applied")).isTrue();
      assertThat(PaymentFixtures.strings(db, "SELECT payment_ref || ' ' || amount || ' ' || provider FROM payments")).containsExactly("stripe:pi_1 123.45 stripe");
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'M1' "
          + "AND t.status IN ('pending', 'claimed')")).as("every pending contact stopped").isZero();
      assertThat(PaymentFixtures.strings(db, "SELECT status FROM promises WHERE id = " + promise)).containsExactly("kept");
      assertThat(PaymentFixtures.strings(db, "SELECT status FROM pay_links WHERE id = '" + link.id() + "'")).containsExactly("paid");

      // The same delivery again, and the same payment under a new event id: nothing more is posted.
      HttpResponse<String> replay = post(port, event, sign(event, PaymentFixtures.WEBHOOK_SECRET));
      assertThat(replay.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(replay.body()).getBoolean("applied")).isFalse();
      String again = completed("evt_2", link.id(), "pi_1", 12345);
      assertThat(post(port, again, sign(again, PaymentFixtures.WEBHOOK_SECRET)).statusCode()).isEqualTo(200);
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).isEqualTo(1);
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM provider_events WHERE provider = 'stripe'")).isEqualTo(2);

      // Forged: signed with another secret; altered: a valid signature over other bytes; unsigned; stale (outside the tolerance).
      String forged = completed("evt_3", link.id(), "pi_9", 99999);
      HttpResponse<String> bad = post(port, forged, sign(forged, "whsec_not_the_secret"));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("Stripe-Signature");
      assertThat(post(port, forged.replace("99999", "99998"), sign(forged, PaymentFixtures.WEBHOOK_SECRET)).statusCode()).isEqualTo(400);
      assertThat(post(port, forged, null).statusCode()).isEqualTo(400);
      long old = System.currentTimeMillis() / 1000 - 3600;
      assertThat(post(port, forged, "t=" + old + ",v1=" + Webhook.Util.computeHmacSha256(PaymentFixtures.WEBHOOK_SECRET, old + "." + forged)).statusCode())
          .isEqualTo(400);
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).isEqualTo(1);

      // An event that carries no payment (a session still unpaid) is remembered and posts nothing.
      String unpaid = completed("evt_4", link.id(), "pi_4", 500).replace("\"paid\"", "\"unpaid\"");
      assertThat(new JsonObject(post(port, unpaid, sign(unpaid, PaymentFixtures.WEBHOOK_SECRET)).body()).getBoolean("payment")).isFalse();
      assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).isEqualTo(1);

      // One announcement, for the one payment: to whoever acts on it and to the supervisor's board.
      assertThat(news).hasSize(1);
      assertThat(news.get(0).getString("unit")).isEqualTo("M1");
      assertThat(board).filteredOn(e -> "payment".equals(e.getString("type"))).hasSize(1);
    }
  }

  /** A checkout.session.completed event as Stripe sends it (the fields the engine reads, and some it does not). */
  static String completed(String eventId, String linkId, String paymentIntent, long amountTotal) {
    return new JsonObject().put("id", eventId).put("object", "event").put("api_version", "2025-08-27.basil")
        .put("created", System.currentTimeMillis() / 1000).put("type", "checkout.session.completed").put("livemode", false)
        .put("data", new JsonObject().put("object", new JsonObject().put("id", "cs_test_" + eventId).put("object", "checkout.session")
            .put("client_reference_id", linkId).put("payment_status", "paid").put("status", "complete").put("amount_total", amountTotal)
            .put("currency", "usd").put("payment_intent", paymentIntent).put("metadata", new JsonObject().put("unit", "M1"))))
        .encode();
  }

  /** The Stripe-Signature header Stripe would send: t=timestamp, v1=HMAC-SHA256(secret, "t.payload"). */
  static String sign(String payload, String secret) throws Exception {
    long t = System.currentTimeMillis() / 1000;
    return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + payload);
  }

  private HttpResponse<String> post(int port, String body, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/stripe/webhook"))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) b.header("Stripe-Signature", signature);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
