package com.duesline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.duesline.app.Engine;
import com.duesline.call.CallJournal;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.call.TurnLatency;
import com.duesline.campaign.CampaignRoutes;
import com.duesline.campaign.CampaignService;
import com.duesline.campaign.ContactResult;
import com.duesline.campaign.Outcome;
import com.duesline.campaign.TaskStore;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.carrier.PhoneMask;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's API over the real engine and embedded PostgreSQL, with rows written by the real
 * services.
 */
class DashboardRoutesTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void collectionRateAgingHistoryCsvAndMasking() throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      DashboardFixtures.importEstate(db);
      long attempt = DashboardFixtures.recordCall(db);
      DashboardFixtures.viewerFromHeader(engine);
      DashboardRoutes.mount(
          engine, Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      // Collection rate: R1 billed 300 this year and owes 150 after 250 paid FIFO (Dec first): 150
      // collected;
      // R2 paid its 300; residential 450 of 600 = 75 %. C1 paid all 600 of 600.
      JsonObject today = json(get(port, "/api/dashboard/today?date=2026-03-10", null), 200);
      JsonObject res = today.getJsonObject("collection").getJsonObject("residential");
      assertThat(new BigDecimal(res.getValue("billed").toString())).isEqualByComparingTo("600");
      assertThat(new BigDecimal(res.getValue("collected").toString())).isEqualByComparingTo("450");
      assertThat(res.getDouble("rate")).isCloseTo(0.75, within(1e-9));
      assertThat(res.getDouble("target")).isEqualTo(0.9);
      assertThat(res.getInteger("accounts")).isEqualTo(2);
      JsonObject com = today.getJsonObject("collection").getJsonObject("commercial");
      assertThat(com.getDouble("rate")).isEqualTo(1.0);
      assertThat(com.getDouble("target")).isEqualTo(1.0);
      assertThat(today.getJsonArray("hours")).hasSize(24);

      // Aging: only R1 owes (150, Feb charge unpaid since 1 Feb: 37 days, 31-60); the agent sees
      // its phone masked.
      JsonObject aging = json(get(port, "/api/dashboard/aging?date=2026-03-10", "agent"), 200);
      JsonObject b3160 = bucket(aging, "31-60");
      assertThat(b3160.getInteger("accounts")).isEqualTo(1);
      assertThat(new BigDecimal(b3160.getValue("owed").toString())).isEqualByComparingTo("150");
      assertThat(aging.getInteger("accounts_in_arrears")).isEqualTo(1);
      JsonObject r1 = aging.getJsonArray("accounts").getJsonObject(0);
      assertThat(r1.getString("unit")).isEqualTo("R1");
      assertThat(r1.getInteger("days_past_due")).isEqualTo(37);
      assertThat(r1.getString("phone"))
          .isEqualTo(PhoneMask.mask("+12125550142"))
          .doesNotContain("2125550142");
      assertThat(
              json(get(port, "/api/dashboard/aging?date=2026-03-10", null), 200)
                  .getJsonArray("accounts")
                  .getJsonObject(0)
                  .getString("phone"))
          .isEqualTo("+12125550142");
      assertThat(
              json(
                      get(port, "/api/dashboard/aging?bucket=31-60&date=2026-03-10&limit=5", null),
                      200)
                  .getJsonArray("accounts"))
          .hasSize(1);
      assertThat(
              json(get(port, "/api/dashboard/aging?bucket=1-29", null), 400)
                  .getJsonArray("problems")
                  .getString(0))
          .startsWith("bucket: unknown bucket '1-29'");
      assertThat(
              json(get(port, "/api/dashboard/today?date=2026-02-30", null), 400)
                  .getJsonArray("problems")
                  .getString(0))
          .isEqualTo("date: expected YYYY-MM-DD, got '2026-02-30'");
      assertThat(
              json(get(port, "/api/dashboard/today?zone=Mars/Base", null), 400)
                  .getJsonArray("problems")
                  .getString(0))
          .contains("zone: 'Mars/Base' is not an IANA time zone");

      // History as a supervisor: full numbers, the contact with its turns and recording link, and
      // every kind of evidence.
      JsonObject h = json(get(port, "/api/accounts/R1/history", null), 200);
      assertThat(h.getBoolean("phones_masked")).isFalse();
      assertThat(
              h.getJsonArray("parties")
                  .getJsonObject(0)
                  .getJsonArray("phones")
                  .getJsonObject(0)
                  .getString("phone"))
          .isEqualTo("+12125550142");
      JsonObject a = h.getJsonArray("attempts").getJsonObject(0);
      assertThat(a.getLong("id")).isEqualTo(attempt);
      assertThat(a.getString("phone")).isEqualTo("+12125550142");
      assertThat(a.getString("recording")).isEqualTo("/api/recordings/" + attempt);
      assertThat(a.getJsonArray("turns")).hasSize(2);
      assertThat(a.getJsonArray("turns").getJsonObject(1).getString("text"))
          .isEqualTo(DashboardFixtures.CALLER_WORDS);
      assertThat(a.getJsonArray("turns").getJsonObject(1).getString("intent"))
          .isEqualTo("promise_to_pay");
      assertThat(h.getJsonArray("promises").getJsonObject(0).getString("promised_for"))
          .isEqualTo("2026-03-13");
      assertThat(h.getJsonArray("plans").getJsonObject(0).getInteger("instalments")).isEqualTo(3);
      assertThat(h.getJsonArray("holds").getJsonObject(0).getString("kind")).isEqualTo("dispute");
      assertThat(h.getJsonArray("consents").getJsonObject(0).getString("kind"))
          .isEqualTo("opt_out");
      assertThat(h.getJsonArray("payments").size()).isEqualTo(2);
      List<String> actions = new ArrayList<>();
      h.getJsonArray("audit").forEach(o -> actions.add(((JsonObject) o).getString("action")));
      assertThat(actions)
          .contains(
              "call.attempt_opened",
              "call.placed",
              "call.answered",
              "call.outcome",
              "call.closed",
              "payment.posted");

      // As an agent: no full number anywhere in the answer.
      HttpResponse<String> agentView = get(port, "/api/accounts/R1/history", "agent");
      assertThat(agentView.body())
          .doesNotContain("2125550142")
          .contains(PhoneMask.mask("+12125550142"));
      assertThat(new JsonObject(agentView.body()).getBoolean("phones_masked")).isTrue();
      assertThat(
              json(get(port, "/api/accounts/NOPE/history", null), 404)
                  .getJsonArray("problems")
                  .getString(0))
          .isEqualTo("unit: no unit 'NOPE'");

      // CSV: RFC 4180, the caller's words with commas and quotes survive a strict parse.
      HttpResponse<String> csv = get(port, "/api/accounts/R1/history.csv", "agent");
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(csv.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
      assertThat(csv.body())
          .contains("\"I said \"\"no\"\", but I'll pay 100, on Friday\"")
          .doesNotContain("2125550142");
      assertThat(csv.body().replace("\r\n", "")).doesNotContain("\n");
      List<List<String>> rows = parseCsv(csv.body());
      assertThat(rows.get(0)).isEqualTo(HistoryCsv.COLUMNS);
      for (List<String> row : rows) assertThat(row).hasSize(HistoryCsv.COLUMNS.size());
      List<String> said =
          rows.stream()
              .filter(r -> r.get(2).equals("turn") && r.get(4).equals("caller"))
              .findFirst()
              .orElseThrow();
      assertThat(said.get(5)).isEqualTo(DashboardFixtures.CALLER_WORDS);
      assertThat(said.get(3)).isEqualTo(String.valueOf(attempt));
      assertThat(rows.stream().map(r -> r.get(2)).toList())
          .contains("contact", "turn", "promise", "plan", "hold", "opt_out", "payment", "audit");
      assertThat(get(port, "/accounts/R1", null).body())
          .contains("<section")
          .contains("account.js");
    }
  }

  /**
   * Tuesday 24 November 2026, 10:00 in Shanghai: the sample estate's Chinese parties may be called.
   */
  static final Instant START = Instant.parse("2026-11-24T02:00:00Z");

  @Test
  void campaignFiguresHourlyBucketsLatencyIntentsAndAb() throws Exception {
    Path sample = Files.createTempFile("sample-estate", ".csv");
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("library/ledgers/sample-estate.csv")) {
      Files.copy(in, sample, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      new LedgerImporter(db).importFile(sample);
      CampaignService svc = new CampaignService(db, Clock.fixed(START, ZoneOffset.UTC));
      svc.create("standard");
      svc.transition("standard", "start");
      svc.plan("standard");
      TaskStore store = svc.tasks();
      CallJournal journal = new CallJournal(db);

      // Five contacts the way the dialer makes them: claim, begin (attempt written), finish,
      // re-plan.
      Outcome[] outcomes = {Outcome.PROMISE, Outcome.NO_ANSWER, Outcome.OPT_OUT, Outcome.PROMISE};
      String[] starts = {"02:05", "03:05", "03:10", "03:30"};
      BigDecimal[] amounts = {new BigDecimal("500.00"), null, null, new BigDecimal("300.00")};
      long[] attempts = new long[5];
      Map<String, Integer> byChannel = new HashMap<>();
      int answeredCalls = 0;
      for (int i = 0; i < 4; i++) {
        Instant at = Instant.parse("2026-11-24T" + starts[i] + ":00Z");
        TaskStore.Claimed t = store.claim("node-1", at, Duration.ofMinutes(10), true).orElseThrow();
        byChannel.merge(t.channel(), 1, Integer::sum);
        if (t.channel().equals("voice") && outcomes[i].conversation()) answeredCalls++;
        attempts[i] = store.begin(t, "node-1", at);
        ContactResult r =
            outcomes[i] == Outcome.PROMISE
                ? new ContactResult(
                    Outcome.PROMISE,
                    "CA" + i,
                    LocalDate.parse("2026-11-30"),
                    amounts[i],
                    "I will pay")
                : new ContactResult(
                    outcomes[i],
                    "CA" + i,
                    null,
                    null,
                    outcomes[i] == Outcome.OPT_OUT ? "said 'stop calling'" : outcomes[i].id());
        store.finish(t, attempts[i], r, at.plusSeconds(180));
        svc.replan("standard", t.unit());
      }
      Instant fifth = Instant.parse("2026-11-24T03:44:00Z");
      TaskStore.Claimed inFlight =
          store.claim("node-1", fifth, Duration.ofMinutes(10), true).orElseThrow();
      byChannel.merge(inFlight.channel(), 1, Integer::sum);
      attempts[4] = store.begin(inFlight, "node-1", fifth);

      // Turns with latencies: 02h: 400, 600 ms; 03h: 100, 200, 300, 400, 1000 ms. The journal
      // stamps turns
      // with the database clock, so they are moved to the hour of their call here.
      int seq = 1;
      seq =
          caller(journal, db, attempts[0], seq, "2026-11-24T02:06:00Z", "promise_to_pay", 400, 600);
      seq = caller(journal, db, attempts[3], seq, "2026-11-24T03:31:00Z", "hardship", 100, 200);
      seq =
          caller(journal, db, attempts[3], seq, "2026-11-24T03:32:00Z", "promise_to_pay", 300, 400);
      caller(journal, db, attempts[3], seq, "2026-11-24T03:33:00Z", null, 1000);
      // The opening prompt's A/B: variant A heard in both promise calls, B in the opt-out call.
      bot(journal, attempts[0], 100, "A");
      bot(journal, attempts[3], 100, "A");
      bot(journal, attempts[2], 100, "B");

      DashboardFixtures.viewerFromHeader(engine);
      CampaignRoutes.mount(engine);
      DashboardRoutes.mount(
          engine, Clock.fixed(Instant.parse("2026-11-24T03:44:30Z"), ZoneOffset.UTC));
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      JsonObject board = json(get(port, "/api/dashboard/campaigns", null), 200);
      JsonObject k = board.getJsonArray("campaigns").getJsonObject(0);
      assertThat(k.getString("id")).isEqualTo("standard");
      assertThat(k.getString("status")).isEqualTo("running");
      assertThat(k.getLong("dialed")).isEqualTo(byChannel.getOrDefault("voice", 0).longValue());
      assertThat(k.getLong("messages")).isEqualTo(byChannel.getOrDefault("sms", 0).longValue());
      assertThat(k.getLong("letters")).isEqualTo(byChannel.getOrDefault("letter", 0).longValue());
      assertThat(k.getLong("dialed") + k.getLong("messages") + k.getLong("letters"))
          .as("%s", byChannel)
          .isEqualTo(5);
      assertThat(k.getLong("dialed")).as("%s", byChannel).isPositive();
      assertThat(k.getLong("answered")).isEqualTo(answeredCalls);
      assertThat(k.getLong("right_party_contacts")).isEqualTo(3);
      assertThat(k.getJsonObject("promises").getLong("count")).isEqualTo(2);
      assertThat(new BigDecimal(k.getJsonObject("promises").getValue("amount").toString()))
          .isEqualByComparingTo("800");
      assertThat(k.getLong("opt_outs")).isEqualTo(1);
      assertThat(k.getLong("plans")).isZero();
      assertThat(k.getLong("in_flight")).isEqualTo(1);
      assertThat(k.getLong("in_retry")).isEqualTo(1);
      assertThat(k.getLong("started_last_minute")).isEqualTo(1);
      // Blocked by reason agrees with the campaign service's own status (which groups by the
      // combined reason text).
      Map<String, Long> expected = new HashMap<>();
      long blockedTasks = 0;
      for (var e : svc.status("standard").entrySet()) {
        if (!e.getKey().startsWith("blocked:")) continue;
        blockedTasks += e.getValue();
        for (String code : e.getKey().substring("blocked:".length()).split(","))
          expected.merge(code, e.getValue(), Long::sum);
      }
      assertThat(blockedTasks).isPositive();
      assertThat(k.getLong("blocked_accounts")).isEqualTo(blockedTasks);
      Map<String, Long> blocked = new HashMap<>();
      k.getJsonObject("blocked")
          .forEach(e -> blocked.put(e.getKey(), ((Number) e.getValue()).longValue()));
      assertThat(blocked).isEqualTo(expected);
      JsonObject pacing = board.getJsonObject("pacing");
      assertThat(pacing.getDouble("cps")).isEqualTo(1.0);
      assertThat(pacing.getInteger("channels")).isEqualTo(10);
      assertThat(pacing.getLong("channels_in_use")).isEqualTo(1);
      assertThat(pacing.getDouble("channel_use")).isCloseTo(0.1, within(1e-9));
      assertThat(pacing.getDouble("dial_level")).isCloseTo(1 / 60.0, within(1e-9));

      // The controls the page calls: pause, then the figures say so.
      HttpResponse<String> paused =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/api/campaigns/standard/pause"))
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
      assertThat(
              json(get(port, "/api/dashboard/campaigns", null), 200)
                  .getJsonArray("campaigns")
                  .getJsonObject(0)
                  .getString("status"))
          .isEqualTo("paused");

      // Today in UTC: contacts and promises land in their hours.
      JsonObject today = json(get(port, "/api/dashboard/today?date=2026-11-24", null), 200);
      JsonArray hours = today.getJsonArray("hours");
      assertThat(hours.getJsonObject(2).getLong("contacts")).isEqualTo(1);
      assertThat(hours.getJsonObject(3).getLong("contacts")).isEqualTo(4);
      assertThat(hours.getJsonObject(2).getLong("promises")).isEqualTo(1);
      assertThat(hours.getJsonObject(3).getLong("promises")).isEqualTo(1);
      assertThat(new BigDecimal(hours.getJsonObject(3).getValue("promised").toString()))
          .isEqualByComparingTo("300");
      long total = 0;
      for (int h = 0; h < 24; h++) total += hours.getJsonObject(h).getLong("contacts");
      assertThat(total).isEqualTo(5);
      // Latency: p50 of {400, 600} = 500; of {100, 200, 300, 400, 1000} = 300, p95 = 400 + 0.8 *
      // 600 = 880 (linear interpolation).
      assertThat(hours.getJsonObject(2).getLong("latency_p50_ms")).isEqualTo(500);
      assertThat(hours.getJsonObject(3).getLong("latency_p50_ms")).isEqualTo(300);
      assertThat(hours.getJsonObject(3).getLong("latency_p95_ms")).isEqualTo(880);
      assertThat(hours.getJsonObject(3).getLong("turns")).isEqualTo(5);
      assertThat(hours.getJsonObject(4).getValue("latency_p50_ms")).isNull();
      // Intent mix, most frequent first; an utterance with no intent is "not understood".
      JsonArray intents = today.getJsonArray("intents");
      assertThat(intents.getJsonObject(0).getString("intent")).isEqualTo("promise_to_pay");
      assertThat(intents.getJsonObject(0).getLong("count")).isEqualTo(4);
      assertThat(intents.getJsonObject(1).getString("intent")).isEqualTo("hardship");
      assertThat(intents.getJsonObject(2).getString("intent")).isEqualTo("not understood");
      // A/B: A 2 promises of 2 calls, B 0 of 1: [0.342, 1] and [0, 0.793] overlap, so no clear
      // leader.
      JsonObject ab = null;
      for (Object o : today.getJsonObject("ab").getJsonArray("tests")) {
        if (((JsonObject) o).getString("name").equals("early.open")) ab = (JsonObject) o;
      }
      assertThat(ab).isNotNull();
      assertThat(ab.getString("kind")).isEqualTo("prompt");
      JsonObject va = ab.getJsonArray("variants").getJsonObject(0);
      assertThat(va.getString("variant")).isEqualTo("A");
      assertThat(va.getLong("contacts")).isEqualTo(2);
      assertThat(va.getLong("promises")).isEqualTo(2);
      assertThat(va.getDouble("low")).isCloseTo(0.3424, within(0.0001));
      assertThat(ab.getJsonArray("variants").getJsonObject(1).getDouble("high"))
          .isCloseTo(0.7935, within(0.0001));
      assertThat(ab.getString("verdict")).isEqualTo("no clear leader");
      assertThat(ab.getValue("leader")).isNull();

      // The same day counted in Shanghai: the contacts move to 10:00 and 11:00.
      JsonArray shanghai =
          json(get(port, "/api/dashboard/today?date=2026-11-24&zone=Asia/Shanghai", null), 200)
              .getJsonArray("hours");
      assertThat(shanghai.getJsonObject(10).getLong("contacts")).isEqualTo(1);
      assertThat(shanghai.getJsonObject(11).getLong("contacts")).isEqualTo(4);
    } finally {
      Files.deleteIfExists(sample);
    }
  }

  /**
   * Stores caller turns with the given total latencies, then moves them to {@code at}; returns the
   * next seq.
   */
  private static int caller(
      CallJournal journal,
      Database db,
      long attempt,
      int seq,
      String at,
      String intent,
      int... totals)
      throws Exception {
    for (int ms : totals) {
      journal.turn(
          attempt,
          new TurnRecord(
              seq,
              "caller",
              "ask",
              "words " + seq,
              intent,
              intent == null ? 0 : 0.8,
              Map.of(),
              null,
              null,
              new TurnLatency(ms - 10, 5, 3, 2, 0, ms),
              null));
      DashboardFixtures.exec(
          db,
          "UPDATE turns SET at = ? WHERE attempt_id = ? AND seq = ?",
          Timestamp.from(Instant.parse(at)),
          attempt,
          seq);
      seq++;
    }
    return seq;
  }

  private static void bot(CallJournal journal, long attempt, int seq, String variant) {
    journal.turn(
        attempt,
        new TurnRecord(
            seq, "bot", "open", "Hello", null, 0, Map.of(), "early.open", variant, null, null));
  }

  private static JsonObject bucket(JsonObject aging, String label) {
    for (Object o : aging.getJsonArray("buckets"))
      if (((JsonObject) o).getString("bucket").equals(label)) return (JsonObject) o;
    throw new AssertionError("no bucket " + label);
  }

  private HttpResponse<String> get(int port, String path, String role) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (role != null) b.header("X-Test-Role", role);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return new JsonObject(r.body());
  }

  /**
   * A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks;
   * records end with CRLF.
   */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '"' && f.length() == 0) {
        i++;
        while (true) {
          char q = text.charAt(i++);
          if (q == '"') {
            if (i < text.length() && text.charAt(i) == '"') {
              f.append('"');
              i++;
            } else break;
          } else f.append(q);
        }
      } else if (ch == ',') {
        row.add(f.toString());
        f.setLength(0);
        i++;
      } else if (ch == '\r' && text.startsWith("\r\n", i)) {
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else {
        if (ch == '"') throw new AssertionError("a quote inside an unquoted field at " + i);
        f.append(ch);
        i++;
      }
    }
    if (!row.isEmpty() || f.length() > 0)
      throw new AssertionError("the last record does not end with CRLF");
    return rows;
  }
}
