package com.duesline.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallCoordinator.DialRequest;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.call.CallRuntime;
import com.duesline.call.CallWatcher;
import com.duesline.call.DemoCalls;
import com.duesline.campaign.CampaignService;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.live.LiveBoard;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.local.CallLog;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import com.duesline.telephony.local.SmsRecord;
import com.duesline.web.Browser;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The money loop from real voice calls, on one engine: the local carrier's simulated callers speak
 * MaryTTS audio that Vosk hears and the talk track runs; three calls at once.
 *
 * <ul>
 *   <li>C-1204 ends in a promise of $200; the call's follow-up SMS carries a signed link; headless
 *       Chromium opens it from the text and pays on the local checkout page (a declined card
 *       first); the payment posts once, the account's pending contacts stop, the promise is kept,
 *       the board is told.
 *   <li>C-1307 pays $100 through a link while its call is live; the call says so (the payment
 *       notice, heard whole by the caller and stored as a bot turn).
 *   <li>C-1203 ends in a promise of $200 that is never paid: reminded the day before, untouched on
 *       its grace day, judged broken the morning after, and its follow-up is scheduled.
 * </ul>
 */
class CallToPaymentEndToEndTest {
  private static final Pattern LINK =
      Pattern.compile("http://localhost:\\d+/pay/[A-Za-z0-9_.\\-]+");
  private static final String PAID_LINK_UNIT = "C-1204";
  private static final String NOTICE_UNIT = "C-1307";
  private static final String BROKEN_UNIT = "C-1203";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void
      aCalledPromiseIsPaidFromItsTextAPaymentMidCallIsAcknowledgedAndAnUnpaidPromiseBreaksIntoAFollowUp()
          throws Exception {
    DueslineConfig base =
        DueslineConfig.load(null, k -> null)
            .with("carrier.local.ring-ms", "400")
            .with("calls.silence-timeout-ms", "3000")
            .with("speech.cache-dir", Path.of("target", "speech-cache").toAbsolutePath().toString())
            .with("store.data-dir", Files.createTempDirectory("pay-e2e").toString());
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(base, db)) {
      PaymentFixtures.importEstate(db, PaymentFixtures.CALLED_LEDGER);
      CampaignService campaigns = new CampaignService(db, Clock.systemUTC());
      campaigns.create("standard");
      campaigns.transition("standard", "start");
      campaigns.plan("standard");

      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      String url = "http://localhost:" + port;
      DueslineConfig config = base.with("payments.public-url", url);
      Payments payments =
          Payments.from(config, db, PaymentFixtures.secrets(false), Clock.systemUTC());
      PaymentRoutes.mount(engine, payments);
      List<JsonObject> board = new CopyOnWriteArrayList<>();
      engine.vertx().eventBus().<JsonObject>consumer(LiveBoard.ADDRESS, m -> board.add(m.body()));

      ArrearsQuery arrears = new ArrearsQuery(db);
      AccountView paidByLink = arrears.unit(PAID_LINK_UNIT).orElseThrow();
      AccountView paidMidCall = arrears.unit(NOTICE_UNIT).orElseThrow();
      AccountView neverPaid = arrears.unit(BROKEN_UNIT).orElseThrow();
      String linkPhone = DemoCalls.phoneOf(db, paidByLink.phoneId());
      String noticePhone = DemoCalls.phoneOf(db, paidMidCall.phoneId());
      String brokenPhone = DemoCalls.phoneOf(db, neverPaid.phoneId());
      Persona promiser =
          PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas"))
              .stream()
              .filter(p -> p.id().equals("promise-date-amount"))
              .findFirst()
              .orElseThrow();
      List<DemoCalls.Target> targets =
          List.of(
              new DemoCalls.Target(
                  paidByLink, linkPhone, DemoCalls.onNumber(promiser, linkPhone, PAID_LINK_UNIT)),
              new DemoCalls.Target(
                  paidMidCall,
                  noticePhone,
                  DemoCalls.onNumber(paysDuringTheCall(promiser), noticePhone, NOTICE_UNIT)),
              new DemoCalls.Target(
                  neverPaid, brokenPhone, DemoCalls.onNumber(promiser, brokenPhone, BROKEN_UNIT)));

      try (CallRuntime runtime =
          CallRuntime.start(engine, targets.stream().map(DemoCalls.Target::persona).toList())) {
        // As the console wires a call runtime: messages carry signed links, and a payment is said
        // on a live call.
        runtime.coordinator().payLinks(payments.links());
        runtime.coordinator().acknowledgePayments(config.get("calls.payment-notice"));
        CompletableFuture<Long> verified = new CompletableFuture<>();
        runtime.coordinator().watch(onceVerified(paidMidCall.unitId(), verified));
        LocalCarrier carrier = runtime.localCarrier().orElseThrow();

        var calls =
            DemoCalls.run(runtime, config, targets, 3).toCompletionStage().toCompletableFuture();
        // The owner of C-1307 pays $100 from a link while the bot is talking to them (once they are
        // verified).
        verified.get(4, TimeUnit.MINUTES);
        String midCallToken =
            payments.links().issue(NOTICE_UNIT, new java.math.BigDecimal("100"), null).token();
        assertThat(charge(url, midCallToken, "4242 4242 4242 4242").statusCode()).isEqualTo(200);
        List<CallResult> results = calls.get(6, TimeUnit.MINUTES);
        CallResult linkCall = results.get(0);
        CallResult noticeCall = results.get(1);
        CallResult brokenCall = results.get(2);

        // ---- C-1204: the promise's SMS link, paid in the browser ----
        LocalDate promised = promisedFor(db, linkCall);
        assertThat(linkCall.smsSent()).as(transcript(linkCall)).isTrue();
        List<SmsRecord> texts = carrier.messagesTo(linkPhone);
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0).body()).contains("$200.00");
        Matcher m = LINK.matcher(texts.get(0).body());
        assertThat(m.find()).as(texts.get(0).body()).isTrue();
        String link = m.group().replaceAll("\\.$", "");
        assertThat(pending(db, PAID_LINK_UNIT))
            .as("the account has a contact waiting before it pays")
            .isPositive();

        try (Browser browser = Browser.phone()) {
          browser.driver().get(link);
          browser.await(
              20,
              "the amount shows",
              d -> d.findElement(By.id("pay-amount")).getText().contains("200.00"));
          WebElement card = browser.driver().findElement(By.id("card"));
          card.sendKeys("4000 0000 0000 0002");
          browser.driver().findElement(By.id("pay-button")).click();
          browser.await(
              20,
              "the decline shows",
              d -> d.findElement(By.id("pay-error")).getText().contains("declined"));
          browser.screenshot("pay-declined-phone");
          assertThat(payments(db, PAID_LINK_UNIT)).as("a declined card posts nothing").isEmpty();
          card.clear();
          card.sendKeys("4242 4242 4242 4242");
          browser.driver().findElement(By.id("pay-button")).click();
          browser.await(
              20, "the payment is confirmed", d -> d.findElement(By.id("pay-done")).isDisplayed());
          browser.screenshot("pay-done-phone");
          // Single-use: opened again, the link says it is paid and offers no form.
          browser.driver().navigate().refresh();
          browser.await(
              20, "the paid link says so", d -> d.findElement(By.id("pay-done")).isDisplayed());
          assertThat(browser.driver().findElement(By.id("pay-form")).isDisplayed()).isFalse();
        }
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(charge(url, token, "4242424242424242").statusCode())
            .as("the link is single-use")
            .isEqualTo(409);
        assertThat(payments(db, PAID_LINK_UNIT)).as("posted once").containsExactly("200.00 local");
        assertThat(pending(db, PAID_LINK_UNIT)).as("pending contacts stopped").isZero();
        assertThat(
                PaymentFixtures.strings(
                    db, "SELECT status FROM promises WHERE attempt_id = " + linkCall.attemptId()))
            .containsExactly("kept");
        assertThat(board)
            .filteredOn(e -> "payment".equals(e.getString("type")))
            .extracting(e -> e.getJsonObject("data").getString("unit"))
            .containsExactlyInAnyOrder(NOTICE_UNIT, PAID_LINK_UNIT);
        HttpResponse<String> forged =
            http.send(
                HttpRequest.newBuilder(
                        URI.create(
                            url
                                + "/api/pay/"
                                + token.substring(0, token.lastIndexOf('.') + 1)
                                + "AAAAAAAAAAAAAAAAAAAAAA"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a tampered token opens nothing").isEqualTo(404);

        // ---- C-1307: the payment said on the live call ----
        assertThat(payments(db, NOTICE_UNIT)).containsExactly("100.00 local");
        List<TurnRecord> bot =
            noticeCall.transcript().stream()
                .filter(t -> t.speaker().equals("bot") && !t.text().startsWith("["))
                .toList();
        int notice = indexOfNotice(bot);
        assertThat(notice)
            .as("the payment notice among the bot's turns\n" + transcript(noticeCall))
            .isNotNegative();
        assertThat(bot.get(notice).text()).contains("$100.00");
        assertThat(
                PaymentFixtures.strings(
                    db,
                    "SELECT transcript FROM turns WHERE speaker = 'bot' AND scores->>'prompt_id' = 'notice' "
                        + "AND attempt_id = "
                        + noticeCall.attemptId()))
            .as("stored as a bot turn")
            .singleElement()
            .asString()
            .contains("payment of $100.00");
        // Heard whole: the prompts are marked in the order the bot says them; the notice's mark
        // came back played, none was cleared.
        CallLog phone =
            carrier
                .callLog(
                    PaymentFixtures.strings(
                            db,
                            "SELECT carrier_call_id FROM attempts WHERE id = "
                                + noticeCall.attemptId())
                        .get(0))
                .orElseThrow();
        assertThat(phone.details(CallLog.Kind.HEARD_MARK))
            .as(transcript(noticeCall))
            .contains("p" + (notice + 1));
        assertThat(phone.details(CallLog.Kind.CLEARED_MARK)).isEmpty();

        // ---- C-1203: a promise never paid ----
        LocalDate due = promisedFor(db, brokenCall);
        assertThat(due).as(transcript(brokenCall)).isEqualTo(promised);
        PromiseLifecycle.Evaluation eve =
            lifecycle(db, payments, runtime, config, due.minusDays(1))
                .evaluate(due.minusDays(1), at(due.minusDays(1)));
        assertThat(eve.reminded())
            .as(eve.reminderRefusals().toString())
            .containsExactly(BROKEN_UNIT);
        List<SmsRecord> brokenTexts = carrier.messagesTo(brokenPhone);
        assertThat(brokenTexts).as("the call's confirmation, then the reminder").hasSize(2);
        assertThat(brokenTexts.get(1).body()).contains("tomorrow").containsPattern(LINK);

        int grace = campaigns.policy().rules().promiseGraceDays();
        assertThat(grace).as("the shipped grace: one day").isEqualTo(1);
        LocalDate graceDay = due.plusDays(grace);
        PromiseLifecycle.Evaluation inGrace =
            lifecycle(db, payments, runtime, config, graceDay).evaluate(graceDay, at(graceDay));
        assertThat(inGrace.broken())
            .as("judged only once the grace of " + grace + " day(s) has passed")
            .isZero();
        LocalDate after = graceDay.plusDays(1);
        PromiseLifecycle judge = lifecycle(db, payments, runtime, config, after);
        PromiseLifecycle.Evaluation judged = judge.evaluate(after, at(after));
        assertThat(judged.broken()).isEqualTo(1);
        assertThat(judged.followedUp()).containsExactly(BROKEN_UNIT);
        assertThat(
                PaymentFixtures.strings(
                    db, "SELECT status FROM promises WHERE attempt_id = " + brokenCall.attemptId()))
            .containsExactly("broken");
        assertThat(
                PaymentFixtures.strings(
                    db,
                    "SELECT t.talk_track || ' ' || t.channel FROM contact_tasks t JOIN units u ON u.id = t.unit_id "
                        + "WHERE u.unit_code = '"
                        + BROKEN_UNIT
                        + "' AND t.status = 'pending'"))
            .as("the broken promise's follow-up")
            .containsExactly("promise_followup voice");
        PromiseLifecycle.Evaluation again = judge.evaluate(after, at(after));
        assertThat(again.broken() + again.kept() + again.reminded().size())
            .as("a second run the same day changes nothing")
            .isZero();
      }
    }
  }

  /**
   * The persona as an owner paying while on the phone: silent when asked to pay (so nothing talks
   * over the notice), hanging up when asked again. (Answers after a silence reprompt are heard
   * clipped at their start: "december fourth" comes out "sam bradford", which is not this test's
   * subject.)
   */
  private static Persona paysDuringTheCall(Persona p) {
    Map<String, List<Persona.Reply>> replies = new HashMap<>(p.replies());
    replies.put(
        "amount_due",
        List.of(new Persona.Reply("", "", false, null), new Persona.Reply("", "", true, null)));
    return new Persona(
        p.id(),
        p.number(),
        p.line(),
        p.rings(),
        p.voicemailGreetingMillis(),
        p.voiceEffects(),
        p.pauseBeforeReplyMillis(),
        p.bargeIn(),
        replies,
        p.greeting(),
        p.hangUpAfterAsks(),
        p.smsReply(),
        p.expectedOutcome(),
        p.description());
  }

  /**
   * Completes with the attempt id once the bot has verified the party of {@code unitId} (its
   * verifying turn is spoken).
   */
  private static CallWatcher onceVerified(long unitId, CompletableFuture<Long> verified) {
    Map<Long, Long> units = new ConcurrentHashMap<>();
    return new CallWatcher() {
      @Override
      public void placed(long attemptId, DialRequest request) {
        units.put(attemptId, request.who().unitId());
      }

      @Override
      public void answered(long attemptId, String amd) {}

      @Override
      public void turn(long attemptId, TurnRecord turn) {
        if (Long.valueOf(unitId).equals(units.get(attemptId))
            && turn.speaker().equals("bot")
            && "verified".equals(turn.node())) {
          verified.complete(attemptId);
        }
      }

      @Override
      public void partial(long attemptId, String words) {}

      @Override
      public void ended(long attemptId, String disposition) {
        if (Long.valueOf(unitId).equals(units.get(attemptId)))
          verified.completeExceptionally(
              new AssertionError("the call ended unverified: " + disposition));
      }
    };
  }

  private PromiseLifecycle lifecycle(
      Database db, Payments payments, CallRuntime runtime, DueslineConfig config, LocalDate day) {
    Clock clock = Clock.fixed(at(day), ZoneOffset.UTC);
    return new PromiseLifecycle(
        db,
        new CampaignService(db, clock),
        payments.plans(),
        new SmsReminders(
            runtime.carrier(), runtime.tracks(), payments.links(), new ArrearsQuery(db), config),
        clock);
  }

  /** 10:00 in New York (the owners' zone), inside the contact policy's hours. */
  private static Instant at(LocalDate day) {
    return day.atTime(15, 0).toInstant(ZoneOffset.UTC);
  }

  private HttpResponse<String> charge(String url, String token, String card) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url + "/api/pay/" + token + "/charge"))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("card", card).encode()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int indexOfNotice(List<TurnRecord> bot) {
    for (int i = 0; i < bot.size(); i++) if ("notice".equals(bot.get(i).promptId())) return i;
    return -1;
  }

  private static LocalDate promisedFor(Database db, CallResult r) throws Exception {
    assertThat(r.disposition()).as(transcript(r)).isEqualTo("PTP");
    List<String> rows =
        PaymentFixtures.strings(
            db,
            "SELECT amount || ' ' || promised_for FROM promises WHERE attempt_id = "
                + r.attemptId());
    assertThat(rows).as(transcript(r)).hasSize(1);
    assertThat(rows.get(0)).startsWith("200.00 ").endsWith("-12-04");
    return LocalDate.parse(rows.get(0).substring(rows.get(0).indexOf(' ') + 1));
  }

  private static long pending(Database db, String unit) throws Exception {
    return PaymentFixtures.id(
        db,
        "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = '"
            + unit
            + "' AND t.status IN ('pending', 'claimed')");
  }

  private static List<String> payments(Database db, String unit) throws Exception {
    return PaymentFixtures.strings(
        db,
        "SELECT y.amount || ' ' || y.provider FROM payments y JOIN units u ON u.id = y.unit_id WHERE u.unit_code = '"
            + unit
            + "'");
  }

  private static String transcript(CallResult r) {
    return r.disposition()
        + "\n"
        + r.transcript().stream()
            .map(
                t ->
                    t.speaker()
                        + " "
                        + t.node()
                        + ": "
                        + t.text()
                        + (t.intent() == null ? "" : " [" + t.intent() + "]"))
            .collect(Collectors.joining("\n"));
  }
}
