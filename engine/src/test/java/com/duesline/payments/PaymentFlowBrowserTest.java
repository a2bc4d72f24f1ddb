package com.duesline.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.campaign.CampaignService;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.live.LiveBoard;
import com.duesline.scripts.TrackRepository;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.SmsRecord;
import com.duesline.telephony.twilio.TelephonyMetrics;
import com.duesline.telephony.twilio.TwilioCarrier;
import com.duesline.web.Browser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The loop closed end to end on real parts: promises recorded the way a call records them (the call
 * journal's PTP outcome, rather than a voice call), the daily evaluation with the real contact policy,
 * the reminder SMS through the Twilio SDK to the local carrier, its signed link opened and paid in
 * headless Chromium on the engine's checkout page (a declined card first), the payment posted once,
 * pending contacts stopped, the promise kept, the board told; and a promise that passed its date unpaid
 * broken, with its follow-up scheduled by the campaign.
 */
class PaymentFlowBrowserTest {
  private static final Pattern LINK = Pattern.compile("http://localhost:\\d+/pay/[A-Za-z0-9_.\\-]+");
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPromiseIsRemindedPaidFromItsTextAndKeptWhileAnotherBreaksIntoAFollowUp() throws Exception {
    Instant now = PaymentFixtures.DAY.atTime(15, 0).toInstant(ZoneOffset.UTC); // 10:00 in New York, a Wednesday
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    DueslineConfig base = DueslineConfig.load(null, k -> null).with("store.data-dir", Files.createTempDirectory("pay-data").toString());
    try (Database db = TestDatabase.fresh(); Engine engine = Engine.create(base, db)) {
      PaymentFixtures.importEstate(db);
      CampaignService campaigns = new CampaignService(db, clock);
      campaigns.create("standard");
      campaigns.transition("standard", "start");
      campaigns.plan("standard");
      long kept = PaymentFixtures.promise(db, "M1", "200", PaymentFixtures.DAY.plusDays(1));
      long broken = PaymentFixtures.promise(db, "M2", "150", PaymentFixtures.DAY.minusDays(5));
      // The dialer's follow-up comes from the campaign; clear M2's age-ladder task so the one found is the planner's new answer.
      PaymentFixtures.exec(db, "UPDATE contact_tasks SET status = 'cancelled' WHERE unit_id = (SELECT id FROM units WHERE unit_code = 'M2')");

      int port = engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      String url = "http://localhost:" + port;
      DueslineConfig config = base.with("payments.public-url", url);
      Payments payments = Payments.from(config, db, PaymentFixtures.secrets(false), Clock.systemUTC());
      PaymentRoutes.mount(engine, payments);
      List<JsonObject> board = new CopyOnWriteArrayList<>();
      engine.vertx().eventBus().<JsonObject>consumer(LiveBoard.ADDRESS, m -> board.add(m.body()));

      LocalCarrier local = LocalCarrier.start(engine.vertx(), new LocalCarrierOptions("AC" + "7".repeat(32), "pay-test-token", 0, url, 500, 1200,
          List.of(), (text, effects) -> new byte[0])).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try {
        Carrier carrier = new TwilioCarrier(engine.vertx(), local.restClient(), local.twilioSettings(1), new TelephonyMetrics(new SimpleMeterRegistry()));
        TrackRepository tracks = new TrackRepository(Path.of("..", "scripts-library", "library"));
        PromiseLifecycle lifecycle = new PromiseLifecycle(db, campaigns, payments.plans(),
            new SmsReminders(carrier, tracks, payments.links(), new ArrearsQuery(db), config), clock);

        PromiseLifecycle.Evaluation first = lifecycle.evaluate(PaymentFixtures.DAY, now);
        assertThat(first.broken()).isEqualTo(1);
        assertThat(first.followedUp()).containsExactly("M2");
        assertThat(first.reminded()).as(first.reminderRefusals().toString()).containsExactly("M1");
        assertThat(PaymentFixtures.strings(db, "SELECT status FROM promises WHERE id = " + broken)).containsExactly("broken");
        assertThat(PaymentFixtures.strings(db, "SELECT t.talk_track || ' ' || t.channel FROM contact_tasks t JOIN units u ON u.id = t.unit_id "
            + "WHERE u.unit_code = 'M2' AND t.status = 'pending'")).as("the broken promise's follow-up").containsExactly("promise_followup voice");

        List<SmsRecord> texts = local.messagesTo("+12125550161");
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0).body()).contains("tomorrow").contains("200");
        Matcher m = LINK.matcher(texts.get(0).body());
        assertThat(m.find()).as(texts.get(0).body()).isTrue();
        String link = m.group().replaceAll("\\.$", "");
        assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'M1' AND t.status = 'pending'"))
            .as("M1 has a contact waiting before it pays").isPositive();

        try (Browser browser = Browser.phone()) {
          browser.driver().get(link);
          browser.await(20, "the amount shows", d -> d.findElement(By.id("pay-amount")).getText().contains("200.00"));
          WebElement card = browser.driver().findElement(By.id("card"));
          card.sendKeys("4000 0000 0000 0002");
          browser.driver().findElement(By.id("pay-button")).click();
          browser.await(20, "the decline shows", d -> d.findElement(By.id("pay-error")).getText().contains("declined"));
          browser.screenshot("pay-declined-phone");
          assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).as("a declined card posts nothing").isZero();
          card.clear();
          card.sendKeys("4242 4242 4242 4242");
          browser.driver().findElement(By.id("pay-button")).click();
          browser.await(20, "the payment is confirmed", d -> d.findElement(By.id("pay-done")).isDisplayed());
          browser.screenshot("pay-done-phone");
          // The link is single-use: opened again it says it is paid, and offers no form.
          browser.driver().navigate().refresh();
          browser.await(20, "the paid link says so", d -> d.findElement(By.id("pay-done")).isDisplayed());
          assertThat(browser.driver().findElement(By.id("pay-form")).isDisplayed()).isFalse();
        }

        assertThat(PaymentFixtures.strings(db, "SELECT u.unit_code || ' ' || y.amount || ' ' || y.provider FROM payments y JOIN units u ON u.id = y.unit_id"))
            .containsExactly("M1 200.00 local");
        String token = link.substring(link.lastIndexOf('/') + 1);
        HttpResponse<String> twice = http.send(HttpRequest.newBuilder(URI.create(url + "/api/pay/" + token + "/charge"))
            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"card\": \"4242424242424242\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM payments")).as("posted once").isEqualTo(1);
        assertThat(PaymentFixtures.id(db, "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'M1' "
            + "AND t.status IN ('pending', 'claimed')")).as("pending contacts stopped").isZero();
        assertThat(PaymentFixtures.strings(db, "SELECT status FROM promises WHERE id = " + kept)).containsExactly("kept");
        assertThat(board).filteredOn(e -> "payment".equals(e.getString("type")))
            .extracting(e -> e.getJsonObject("data").getString("unit")).containsExactly("M1");
        // A tampered token opens nothing.
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(url + "/api/pay/" + token.substring(0, token.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);

        // Evaluating again the same day changes nothing: no second reminder, nothing judged twice.
        PromiseLifecycle.Evaluation again = lifecycle.evaluate(PaymentFixtures.DAY, now);
        assertThat(again.broken() + again.kept() + again.reminded().size()).isZero();
        assertThat(local.messagesTo("+12125550161")).hasSize(1);
      } finally {
        local.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    }
  }
}
