package com.duesline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonArray;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The desk's numbers worked by hand on a three-unit estate with four contacts (real embedded
 * PostgreSQL, the ledger importer): roll rates and cure from the ledger's month ends, right-party
 * contacts, promises kept, collected against promised and cost per dollar per campaign and variant,
 * the weekday × hour heatmap, the CSV export with defused cells, and the HTTP route.
 */
class DeskReportsTest {
  static final String LEDGER =
      """
      record,unit,id,name,role,language,phone,phone_status,timezone,commercial,area_m2,period,kind,amount,date
      unit,U1,,,,,,,,false,80,,,,
      party,U1,U1-O,Ann One,owner,en,+12125550101,,UTC,,,,,,
      unit,U2,,,,,,,,false,80,,,,
      party,U2,U2-O,Bob Two,owner,en,+12125550102,,UTC,,,,,,
      unit,U3,,,,,,,,false,80,,,,
      party,U3,U3-O,Cy Three,owner,en,+12125550103,,UTC,,,,,,
      charge,U1,U1-01,,,,,,,,,2026-01,service,100,2026-01-01
      charge,U1,U1-02,,,,,,,,,2026-02,service,100,2026-02-01
      charge,U1,U1-03,,,,,,,,,2026-03,service,100,2026-03-01
      charge,U2,U2-01,,,,,,,,,2026-01,service,100,2026-01-01
      charge,U2,U2-02,,,,,,,,,2026-02,service,100,2026-02-01
      charge,U3,U3-01,,,,,,,,,2026-01,service,100,2026-01-01
      charge,U3,U3-02,,,,,,,,,2026-02,service,100,2026-02-01
      payment,U2,P2,,,,,,,,,,,200,2026-02-10
      payment,U3,P31,,,,,,,,,,,100,2026-01-01
      payment,U3,P32,,,,,,,,,,,100,2026-02-01
      """;

  @Test
  void theDesksNumbersByHand() throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      Path f = Files.createTempFile("desk", ".csv");
      Files.writeString(f, LEDGER);
      new LedgerImporter(db).importFile(f);
      Files.delete(f);
      // Tuesday 3 Feb 10:00 UTC: U1 answered, a promise of 100 (later broken), 2 min 1 s = 3 billed
      // minutes (variant A).
      long a1 =
          attempt(
              db,
              "U1",
              "voice",
              "A",
              "2026-02-03T10:00:00Z",
              "2026-02-03T10:00:05Z",
              "2026-02-03T10:02:06Z",
              "promise");
      // Tuesday 3 Feb 10:30: U2 not answered; Wednesday 4 Feb 18:00: U2 answered, 30 s (1 minute),
      // a promise of 200, kept (variant B).
      attempt(
          db,
          "U2",
          "voice",
          "B",
          "2026-02-03T10:30:00Z",
          null,
          "2026-02-03T10:30:40Z",
          "no_answer");
      long a3 =
          attempt(
              db,
              "U2",
              "voice",
              "B",
              "2026-02-04T18:00:00Z",
              "2026-02-04T18:00:02Z",
              "2026-02-04T18:00:32Z",
              "conversation");
      attempt(db, "U1", "sms", "A", "2026-02-05T09:00:00Z", null, null, "sent");
      DashboardFixtures.exec(
          db,
          "INSERT INTO promises (unit_id, attempt_id, amount, promised_for, status) SELECT unit_id, id, 100, '2026-02-07', 'broken' FROM attempts WHERE id = ?",
          a1);
      DashboardFixtures.exec(
          db,
          "INSERT INTO promises (unit_id, attempt_id, amount, promised_for, status) SELECT unit_id, id, 200, '2026-02-10', 'kept' FROM attempts WHERE id = ?",
          a3);

      DeskReports desk =
          new DeskReports(
              db,
              new com.duesline.ledger.ArrearsQuery(
                  db,
                  com.duesline.ledger.SegmentationRules.builtIn(),
                  Clock.fixed(Instant.parse("2026-02-28T12:00:00Z"), ZoneOffset.UTC)),
              DeskCosts.from(engine.config()));
      var feb = java.time.LocalDate.parse("2026-02-28");

      // Roll rates, 31 Jan → 28 Feb: U1 1-30 → 31-60 (rolled), U2 1-30 → current (cured), U3
      // current → current.
      JsonObject roll = desk.json("roll-rates", new DeskReports.Window(feb, 1, 1, null));
      JsonObject all = group(roll.getJsonArray("periods").getJsonObject(0), "all");
      assertThat(roll.getJsonArray("periods").getJsonObject(0).getString("from"))
          .isEqualTo("2026-01-31");
      assertThat(all.getJsonObject("transitions").getJsonObject("1-30").getMap())
          .isEqualTo(java.util.Map.of("31-60", 1, "current", 1));
      assertThat(all.getJsonObject("roll_forward").getDouble("1-30")).isEqualTo(0.5);
      assertThat(all.getJsonObject("cure").getMap())
          .isEqualTo(java.util.Map.of("in_arrears", 2, "cured", 1, "rate", 0.5));
      // Per variant: A worked U1 only (rolled, not cured); B worked U2 only (cured).
      assertThat(
              group(roll.getJsonArray("periods").getJsonObject(0), "variant:standard/A")
                  .getJsonObject("cure")
                  .getDouble("rate"))
          .isEqualTo(0.0);
      assertThat(
              group(roll.getJsonArray("periods").getJsonObject(0), "variant:standard/B")
                  .getJsonObject("cure")
                  .getDouble("rate"))
          .isEqualTo(1.0);
      JsonObject cure = desk.json("cure", new DeskReports.Window(feb, 1, 1, null));
      assertThat(
              cure.getJsonArray("periods")
                  .getJsonObject(0)
                  .getJsonArray("groups")
                  .getJsonObject(0)
                  .getDouble("rate"))
          .isEqualTo(0.5);

      // Contacts, February: 3 dialed, 2 right-party (2/3), 4 minutes and 1 text: 4 x 0.014 + 0.0079
      // = 0.0639;
      // promises 300, kept 1 of 2 decided; collected 200 (U2 paid 10 Feb, after its first contact
      // on 3 Feb): 200/300.
      JsonObject costs = desk.json("costs", new DeskReports.Window(feb, 1, 28, null));
      JsonObject k = group(costs, "all");
      assertThat(k.getLong("dialed")).isEqualTo(3);
      assertThat(k.getLong("right_party_contacts")).isEqualTo(2);
      assertThat(k.getDouble("rpc_rate")).isEqualTo(0.6667);
      assertThat(k.getLong("minutes")).isEqualTo(4);
      assertThat(k.getString("cost")).isEqualTo("0.0639");
      assertThat(k.getDouble("promise_kept_rate")).isEqualTo(0.5);
      assertThat(k.getString("collected")).isEqualTo("200.00");
      assertThat(k.getDouble("collected_vs_promised")).isEqualTo(0.6667);
      assertThat(k.getDouble("cost_per_dollar")).isEqualTo(0.0003);
      JsonObject a = group(costs, "variant:standard/A");
      assertThat(a.getString("collected")).isEqualTo("0.00");
      assertThat(a.getValue("cost_per_dollar")).isNull();
      assertThat(a.getDouble("promise_kept_rate")).isEqualTo(0.0);
      assertThat(group(costs, "campaign:standard").getLong("dialed")).isEqualTo(3);

      // Heatmap: Tuesday 10:00 two dialed, one answered; Wednesday 18:00 one of one.
      JsonObject heat = desk.json("heatmap", new DeskReports.Window(feb, 1, 28, null));
      JsonObject tue10 = heat.getJsonArray("cells").getJsonObject(24 + 10);
      assertThat(tue10.getString("day")).isEqualTo("tue");
      assertThat(List.of(tue10.getLong("dialed"), tue10.getLong("answered")))
          .containsExactly(2L, 1L);
      assertThat(tue10.getDouble("rate")).isEqualTo(0.5);
      assertThat(heat.getJsonArray("cells").getJsonObject(2 * 24 + 18).getDouble("rate"))
          .isEqualTo(1.0);
      // The model's rate: overall (2 + 1) / (3 + 2) = 0.6, Tuesday 10:00 (1 + 10 x 0.6) / (2 + 10)
      // = 0.5833.
      assertThat(tue10.getDouble("model")).isEqualTo(0.5833);
      assertThat(heat.getJsonArray("cells").getJsonObject(0).getDouble("model")).isEqualTo(0.6);

      // The CSV: one row per group; the HTTP route answers JSON and CSV, an unknown report 404, a
      // bad number 400.
      String csv = DeskReports.csv("costs", costs);
      assertThat(csv)
          .startsWith("group,dialed,answered,right_party_contacts,")
          .contains("\r\nall,3,2,2,0.6667,1,4,");
      DashboardFixtures.viewerFromHeader(engine);
      DashboardRoutes.mount(
          engine, Clock.fixed(Instant.parse("2026-02-28T12:00:00Z"), ZoneOffset.UTC));
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/api/dashboard/desk/cure?months=1"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getJsonArray("periods")).hasSize(1);
      r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://localhost:" + port + "/api/dashboard/desk/heatmap?format=csv"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
      assertThat(r.body())
          .startsWith("day,weekday,hour,dialed,answered,rate,model\r\nmon,1,0,0,0,,");
      r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/api/dashboard/desk/nope"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
      r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/api/dashboard/desk/costs?days=x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("days: expected a whole number");
    }
  }

  @Test
  void csvCellsThatASpreadsheetWouldEvaluateAreDefused() {
    String csv =
        ReportCsv.of(
            List.of("a", "b", "c", "d", "e"),
            List.of(
                new JsonObject()
                    .put("a", "=HYPERLINK(\"http://x\")")
                    .put("b", "-0.5")
                    .put("c", "@SUM(A1)")
                    .put("d", "+1 call")
                    .put("e", "plain, text")));
    assertThat(csv)
        .isEqualTo(
            "a,b,c,d,e\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-0.5,'@SUM(A1),'+1 call,\"plain, text\"\r\n");
  }

  static JsonObject group(JsonObject report, String name) {
    JsonArray groups = report.getJsonArray("groups");
    for (Object g : groups)
      if (((JsonObject) g).getString("group").equals(name)) return (JsonObject) g;
    throw new AssertionError("no group " + name + " in " + groups);
  }

  static long attempt(
      Database db,
      String unit,
      String channel,
      String variant,
      String started,
      String answered,
      String ended,
      String disposition)
      throws Exception {
    DashboardFixtures.exec(
        db,
        "INSERT INTO attempts (unit_id, phone_id, channel, campaign_ref, variant, started_at, answered_at, ended_at, disposition) "
            + "SELECT u.id, ph.id, ?, 'standard', ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ? FROM units u JOIN parties p ON p.unit_id = u.id "
            + "JOIN phones ph ON ph.party_id = p.id WHERE u.unit_code = ?",
        channel,
        variant,
        started,
        answered,
        ended,
        disposition,
        unit);
    return DashboardFixtures.id(db, "SELECT max(id) FROM attempts");
  }
}
