package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.campaign.CampaignService;
import com.duesline.campaign.Dialer;
import com.duesline.campaign.DialerLimits;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A campaign dials through the live-call runtime: the standard campaign is planned over the sample
 * estate, three of its due English call tasks get simulated callers on their numbers, and the
 * dialer places them through {@link VoiceChannel} and the local carrier. The outcomes the voice
 * runtime heard must land in the campaign's books: the promise, the opt-out, the no-answer retry.
 */
class CampaignCallsTest {
  /** Tuesday 24 November 2026, 16:00 UTC: 11:00 in New York, 08:00 in Los Angeles. */
  private static final Instant START = Instant.parse("2026-11-24T16:00:00Z");

  @Test
  void theDialersCallsAreRealConversationsAndTheirOutcomesDriveTheLadder() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      DemoCommand.loadSampleIfEmpty(db);
      Clock clock = Clock.fixed(START, ZoneOffset.UTC);
      CampaignService svc = new CampaignService(db, clock);
      svc.create("standard");
      svc.transition("standard", "start");
      assertThat(svc.plan("standard")).isPositive();

      List<String[]> due =
          rows(
              db,
              "SELECT t.id, u.unit_code FROM contact_tasks t JOIN units u ON u.id = t.unit_id "
                  + "JOIN parties p ON p.id = t.party_id JOIN phones ph ON ph.id = t.phone_id "
                  + "WHERE t.status = 'pending' AND t.refusal_reason IS NULL AND t.due_at <= '"
                  + START
                  + "' AND t.channel = 'voice' "
                  + "AND t.handler = 'bot' AND p.language = 'en' AND ph.status = 'ok' AND t.talk_track IN ('early', 'mid', 'late') ORDER BY t.due_at, t.id LIMIT 3");
      assertThat(due).hasSize(3);
      // Only these three are dialed in this test: every other task of the plan is set aside.
      exec(
          db,
          "UPDATE contact_tasks SET status = 'cancelled' WHERE status = 'pending' AND id NOT IN ("
              + due.get(0)[0]
              + ","
              + due.get(1)[0]
              + ","
              + due.get(2)[0]
              + ")");

      Map<String, Persona> library = new HashMap<>();
      for (Persona p :
          PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas")))
        library.put(p.id(), p);
      String[] roles = {"promise-date-amount", "stop-contact", "no-answer"};
      ArrearsQuery arrears = new ArrearsQuery(db);
      List<Persona> personas = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        var account = arrears.unit(due.get(i)[1]).orElseThrow();
        personas.add(
            DemoCalls.onNumber(
                library.get(roles[i]), DemoCalls.phoneOf(db, account.phoneId()), account.unit()));
      }

      DueslineConfig config =
          DueslineConfig.load(null, k -> null)
              .with("carrier.local.ring-ms", "400")
              .with(
                  "speech.cache-dir",
                  Path.of("target", "speech-cache").toAbsolutePath().toString());
      try (Engine engine = Engine.create(config, db)) {
        engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        try (CallRuntime runtime = CallRuntime.start(engine, personas)) {
          VoiceChannel channel =
              new VoiceChannel(engine.vertx(), runtime, runtime.carrier(), arrears, config);
          Dialer dialer =
              new Dialer(
                  svc,
                  channel,
                  new DialerLimits(5, 3, Duration.ofMinutes(10)),
                  () -> 0,
                  "node-test",
                  clock);
          assertThat(dialer.tick()).isEqualTo(3);
          long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
          while (dialer.inFlight() > 0 && System.nanoTime() < deadline) Thread.sleep(500);
          assertThat(dialer.inFlight()).as("calls still in flight").isZero();
        }
      }

      String promise = due.get(0)[1], stop = due.get(1)[1], noAnswer = due.get(2)[1];
      assertThat(
              count(
                  db,
                  "SELECT count(*) FROM promises p JOIN units u ON u.id = p.unit_id WHERE u.unit_code = '"
                      + promise
                      + "' AND p.amount = 200"))
          .as("the promise of %s; its calls:%n%s", promise, turns(db, promise))
          .isEqualTo(1);
      assertThat(
              count(
                  db,
                  "SELECT count(*) FROM turns t JOIN attempts a ON a.id = t.attempt_id JOIN units u ON u.id = a.unit_id "
                      + "WHERE u.unit_code = '"
                      + promise
                      + "' AND t.speaker = 'caller'"))
          .isPositive();
      assertThat(
              count(
                  db,
                  "SELECT count(*) FROM consents c JOIN parties p ON p.id = c.party_id JOIN units u ON u.id = p.unit_id "
                      + "WHERE u.unit_code = '"
                      + stop
                      + "' AND c.kind = 'opt_out' AND c.channel = 'voice'"))
          .isEqualTo(1);
      // Each fact has one writer: the dialer stored the promise and the opt-out, the call runtime
      // did not add its own.
      assertThat(count(db, "SELECT count(*) FROM promises")).isEqualTo(1);
      assertThat(count(db, "SELECT count(*) FROM consents")).isEqualTo(1);
      // No answer: the attempt is recorded and the ladder tries again later, not now.
      assertThat(
              rows(
                  db,
                  "SELECT a.disposition, '' FROM attempts a JOIN units u ON u.id = a.unit_id WHERE u.unit_code = '"
                      + noAnswer
                      + "'"))
          .extracting(r -> r[0])
          .containsExactly("no_answer");
      assertThat(
              count(
                  db,
                  "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = '"
                      + noAnswer
                      + "' AND t.status = 'pending' AND t.due_at > '"
                      + START
                      + "'"))
          .isEqualTo(1);
    }
  }

  private static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every stored turn of the unit's attempts, for a failure message. */
  private static String turns(Database db, String unit) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (var row :
        CallRows.rows(
            db,
            "SELECT a.id AS attempt, a.disposition, t.speaker, t.state, t.transcript, t.intent FROM attempts a "
                + "JOIN units u ON u.id = a.unit_id LEFT JOIN turns t ON t.attempt_id = a.id WHERE u.unit_code = ? ORDER BY a.id, t.seq",
            unit)) {
      sb.append(row.get("attempt"))
          .append(' ')
          .append(row.get("disposition"))
          .append(' ')
          .append(row.get("speaker"))
          .append(' ')
          .append(row.get("state"))
          .append(": ")
          .append(row.get("transcript"))
          .append(" [")
          .append(row.get("intent"))
          .append("]\n");
    }
    return sb.toString();
  }

  private static List<String[]> rows(Database db, String sql) throws Exception {
    List<String[]> out = new ArrayList<>();
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(new String[] {rs.getString(1), rs.getString(2)});
    }
    return out;
  }

  private static void exec(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }
}
