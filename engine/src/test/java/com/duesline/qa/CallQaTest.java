package com.duesline.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.duesline.app.Engine;
import com.duesline.call.CallJournal;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.cli.Duesline;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished call's stored turns checked on the worker pool, the verdict stored and audited, the
 * report; and `qa check` on a file.
 */
class CallQaTest {
  static final String LEDGER =
      """
      record,unit,id,name,role,language,phone,phone_status,timezone,commercial,area_m2,period,kind,amount,date
      unit,R1,,,,,,,,false,80,,,,
      party,R1,R1-O,Maria Lopez,owner,en,+14155550142,,America/Los_Angeles,,,,,,
      unit,R2,,,,,,,,false,60,,,,
      party,R2,R2-O,Li Ming,owner,zh,+8613800138000,,Asia/Shanghai,,,,,,
      charge,R1,R1-2026-01,,,,,,,,,2026-01,service,100,2026-01-01
      charge,R2,R2-2026-01,,,,,,,,,2026-01,service,100,2026-01-01
      """;

  @Test
  void everyFinishedCallIsCheckedStoredAndReported(@TempDir Path tmp) throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      Path ledger = tmp.resolve("estate.csv");
      Files.writeString(ledger, LEDGER);
      new LedgerImporter(db).importFile(ledger);
      // R1 (US-CA number): the bot names the amount before asking who it speaks to; R2 (CN): a
      // clean call.
      long bad =
          call(
              db,
              "R1",
              List.of("bot|Hello, this is Harbor View. You owe $100.00.", "caller|who is this"));
      long good =
          call(
              db,
              "R2",
              List.of(
                  "bot|您好,这里是海景物业的智能语音助理。本次通话会被录音,与您通话的是人工智能助理。",
                  "bot|请问是李明本人吗?",
                  "caller|是的",
                  "bot|谢谢您,李明。您的物业费100元已经到期。",
                  "caller|好的我明天交",
                  "bot|谢谢您,再见。"));
      long silent = call(db, "R1", List.of());
      CallQa qa = new CallQa(engine, new QaChecker(QaRules.bundled(), null), new QaStore(db));

      JsonObject v =
          qa.check(bad)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS)
              .orElseThrow();
      assertFalse(v.getBoolean("passed"));
      assertEquals("US", v.getString("jurisdiction"), "the jurisdiction of the number called");
      List<String> rules =
          v.getJsonArray("findings").stream().map(f -> ((JsonObject) f).getString("rule")).toList();
      assertTrue(
          rules.containsAll(
              List.of(
                  "ai_disclosure",
                  "recording_notice",
                  "identity_before_debt",
                  "debt_collector_statement")),
          rules.toString());
      assertEquals(
          Optional.empty(),
          qa.check(silent).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      assertEquals(
          1,
          qa.catchUp(100).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS),
          "the unchecked clean call");

      assertEquals(
          "0|true|CN|zh",
          row(
              db,
              "SELECT critical || '|' || passed || '|' || jurisdiction || '|' || lang FROM qa_results WHERE attempt_id = "
                  + good));
      assertEquals("2", row(db, "SELECT count(*) FROM audit_log WHERE action = 'qa.checked'"));
      JsonObject report = new QaStore(db).report(Instant.now().minusSeconds(3600), 10);
      assertEquals(2, report.getLong("checked"));
      assertEquals(1, report.getLong("failed"));
      assertEquals(bad, report.getJsonArray("failing").getJsonObject(0).getLong("attempt"));
      assertEquals("R1", report.getJsonArray("failing").getJsonObject(0).getString("unit"));
      assertTrue(
          report.getJsonArray("rules").stream()
              .anyMatch(
                  r ->
                      ((JsonObject) r).getString("rule").equals("identity_before_debt")
                          && ((JsonObject) r).getLong("calls") == 1));
    }
  }

  @Test
  void qaCheckReadsAFileAndAnswersJson(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("call.json");
    Files.writeString(
        f,
        """
        {"lang": "en", "jurisdiction": "US-CA", "channel": "call", "turns": [
          {"speaker": "bot", "text": "Hello, this is the automated assistant of Harbor View. This call is recorded."},
          {"speaker": "bot", "text": "May I speak with Maria Lopez?"},
          {"speaker": "caller", "text": "yes"},
          {"speaker": "bot", "text": "This is an attempt to collect a debt. You owe $100. Pay now or we will have you evicted."}
        ]}""");
    Run r = run("qa", "check", f.toString(), "--format", "json", "--no-classifier");
    assertEquals(1, r.code, r.err);
    JsonObject out = new JsonObject(r.out);
    assertEquals(60, out.getInteger("score"));
    JsonObject finding = out.getJsonArray("findings").getJsonObject(0);
    assertEquals(
        new JsonObject()
            .put("rule", "threat")
            .put("severity", "critical")
            .put("turn", 3)
            .put("evidence", finding.getString("evidence")),
        finding);

    Files.writeString(
        f,
        "{\"lang\": \"en\", \"turns\": [{\"speaker\": \"robot\", \"text\": \"hi\"}, {\"speaker\": \"caller\"}]}");
    Run bad = run("qa", "check", f.toString());
    assertEquals(2, bad.code);
    assertTrue(
        bad.err.contains("jurisdiction: required text")
            && bad.err.contains("turns[0].speaker: expected bot, agent or caller, got 'robot'")
            && bad.err.contains("turns[1].text: expected text, got nothing"),
        bad.err);
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    PrintStream o = System.out, e = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Duesline.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
  }

  /**
   * Records a finished call to a unit's first phone through the call journal: "speaker|text" turns.
   */
  static long call(Database db, String unit, List<String> turns) throws Exception {
    long unitId = Long.parseLong(row(db, "SELECT id FROM units WHERE unit_code = '" + unit + "'"));
    long partyId = Long.parseLong(row(db, "SELECT id FROM parties WHERE unit_id = " + unitId));
    long phoneId = Long.parseLong(row(db, "SELECT id FROM phones WHERE party_id = " + partyId));
    CallJournal journal = new CallJournal(db);
    long attempt =
        journal.openAttempt(
            new CallJournal.Party(unitId, partyId, phoneId, null), "local", "early", "1", "A");
    int seq = 0;
    for (String t : turns) {
      String[] p = t.split("\\|", 2);
      journal.turn(
          attempt,
          new TurnRecord(++seq, p[0], "n", p[1], null, 0, Map.of(), null, null, null, null));
    }
    journal.closed(attempt, "completed", null);
    return attempt;
  }

  static String row(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
