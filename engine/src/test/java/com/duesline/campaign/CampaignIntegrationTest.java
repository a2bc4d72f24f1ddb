package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.cli.InputRejectedException;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standard campaign over the sample ledger on the real embedded PostgreSQL: planning, the
 * dialer's pacing and claims, scripted outcomes (retries, promise, opt-out, hold, carrier error), a
 * posted payment and a restart, checked in the stored tasks and attempts. The outcomes come from
 * {@link ScriptedChannel} standing in for the carrier and the voice runtime.
 */
class CampaignIntegrationTest {
  /** Tuesday 24 November 2026, 10:00 in Shanghai (Monday 21:00 in New York: US parties wait). */
  static final Instant START = Instant.parse("2026-11-24T02:00:00Z");

  static Database db;
  static Path ledger;

  @BeforeAll
  static void importSample() throws Exception {
    ledger = Files.createTempFile("sample-estate", ".csv");
    try (InputStream in =
        CampaignIntegrationTest.class
            .getClassLoader()
            .getResourceAsStream("library/ledgers/sample-estate.csv")) {
      Files.copy(in, ledger, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @AfterAll
  static void cleanUp() throws Exception {
    Files.deleteIfExists(ledger);
  }

  static Database fresh() throws Exception {
    Database d = TestDatabase.fresh();
    new LedgerImporter(d).importFile(ledger);
    return d;
  }

  static long count(Database d, String sql) throws Exception {
    try (Connection c = d.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<String> strings(Database d, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = d.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  @Test
  void aCampaignRunsTheLadderAndHonoursEveryOutcome() throws Exception {
    try (Database d = fresh()) {
      MutableClock clock = new MutableClock(START);
      CampaignService svc = new CampaignService(d, clock);
      svc.create("standard");
      assertThatThrownBy(() -> svc.transition("standard", "resume"))
          .isInstanceOf(InputRejectedException.class)
          .hasMessageContaining("cannot resume from status created");
      svc.transition("standard", "start");
      int planned = svc.plan("standard");
      assertThat(planned).isPositive();
      // Planning twice never doubles a task.
      svc.plan("standard");
      assertThat(
              count(
                  d,
                  "SELECT count(*) - count(DISTINCT unit_id) FROM contact_tasks WHERE status = 'pending'"))
          .isZero();
      Map<String, Long> status = svc.status("standard");
      assertThat(status).containsKey("due");
      assertThat(status.keySet()).anyMatch(k -> k.startsWith("queued"));

      // Pick five due call tasks (Shanghai parties) and script their outcomes.
      List<String> due =
          strings(
              d,
              "SELECT u.unit_code FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE t.status = 'pending' "
                  + "AND t.refusal_reason IS NULL AND t.due_at <= '"
                  + START
                  + "' AND t.channel = 'voice' AND t.handler = 'bot' ORDER BY t.due_at, t.id");
      assertThat(due.size()).isGreaterThanOrEqualTo(5);
      String noAnswer = due.get(0);
      String promise = due.get(1);
      String optOut = due.get(2);
      String dispute = due.get(3);
      String carrier = due.get(4);
      ScriptedChannel ch = new ScriptedChannel();
      ch.script(
          promise,
          new ContactResult(
              Outcome.PROMISE,
              "CA1",
              LocalDate.parse("2026-11-30"),
              new BigDecimal("500.00"),
              "I will pay on the 30th"));
      ch.script(
          optOut,
          new ContactResult(
              Outcome.OPT_OUT, "CA2", null, null, "caller said 'stop calling me' (turn 3)"));
      ch.script(
          dispute,
          new ContactResult(Outcome.DISPUTE, "CA3", null, null, "disputes the March charge"));
      ch.script(carrier, ContactResult.of(Outcome.CARRIER_ERROR));

      // Pacing: 3 channels, everything held open: at most 3 contacts at once, whatever the CPS.
      ch.hold = true;
      Dialer dialer =
          new Dialer(
              svc, ch, new DialerLimits(50, 3, Duration.ofMinutes(10)), () -> 0, "node-1", clock);
      assertThat(dialer.tick()).isEqualTo(3);
      assertThat(dialer.tick()).isZero();
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM contact_tasks WHERE status IN ('claimed', 'in_progress')"))
          .isEqualTo(3);
      ch.release();
      assertThat(dialer.inFlight()).isZero();
      ch.hold = false;
      // CPS: with 2 calls per second, one tick a second later starts at most 2.
      Dialer paced =
          new Dialer(
              svc, ch, new DialerLimits(2, 100, Duration.ofMinutes(10)), () -> 0, "node-1", clock);
      assertThat(paced.tick()).isLessThanOrEqualTo(2);
      // Four live nodes of a cluster share the carrier's 20 calls per second: this one starts its
      // 5.
      Dialer shared =
          new Dialer(
              svc, ch, new DialerLimits(20, 100, Duration.ofMinutes(10)), () -> 0, "node-1", clock);
      shared.shareCps(() -> 4);
      assertThat(shared.tick()).isEqualTo(5);
      // Then one more second's worth at 20 calls per second (kept small: every contact is real
      // SQL).
      Dialer fast =
          new Dialer(
              svc, ch, new DialerLimits(20, 100, Duration.ofMinutes(10)), () -> 0, "node-1", clock);
      assertThat(fast.tick()).isEqualTo(20);
      // No phone was ever dialed twice at once and no account twice in this round (carrier errors
      // aside).
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM (SELECT unit_id FROM attempts WHERE disposition <> 'carrier_error' GROUP BY unit_id HAVING count(*) > 1) x"))
          .isZero();

      // Outcomes recorded with their effects.
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM promises p JOIN units u ON u.id = p.unit_id WHERE u.unit_code = '"
                      + promise
                      + "' AND p.amount = 500"))
          .isEqualTo(1);
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM consents c JOIN parties p ON p.id = c.party_id JOIN units u ON u.id = p.unit_id "
                      + "WHERE u.unit_code = '"
                      + optOut
                      + "' AND c.kind = 'opt_out' AND c.channel = 'voice' AND c.evidence LIKE '%stop calling%'"))
          .isEqualTo(1);
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM holds h JOIN units u ON u.id = h.unit_id WHERE u.unit_code = '"
                      + dispute
                      + "' AND h.kind = 'dispute'"))
          .isEqualTo(1);
      assertThat(count(d, "SELECT count(*) FROM audit_log WHERE action = 'contact.ended'"))
          .isEqualTo(count(d, "SELECT count(*) FROM attempts"));

      // Carrier error: recorded, retried with backoff (2 min), not before; never lost.
      long carrierAttempts =
          count(
              d,
              "SELECT count(*) FROM attempts a JOIN units u ON u.id = a.unit_id WHERE u.unit_code = '"
                  + carrier
                  + "'");
      assertThat(carrierAttempts).isEqualTo(1);
      assertThat(
              strings(
                  d,
                  "SELECT t.status || ':' || (t.due_at = '"
                      + START.plus(Duration.ofMinutes(2))
                      + "') FROM contact_tasks t JOIN units u ON u.id = t.unit_id "
                      + "WHERE u.unit_code = '"
                      + carrier
                      + "' AND t.status = 'pending'"))
          .containsExactly("pending:true");
      // Until the backoff is over, only other accounts are dialed.
      Dialer one =
          new Dialer(
              svc, ch, new DialerLimits(1, 100, Duration.ofMinutes(10)), () -> 0, "node-1", clock);
      clock.advance(Duration.ofMinutes(1));
      one.tick();
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM attempts a JOIN units u ON u.id = a.unit_id WHERE u.unit_code = '"
                      + carrier
                      + "'"))
          .isEqualTo(1);
      // Make the carrier retry the only due task, then let a minute pass.
      try (Connection c = d.connection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "UPDATE contact_tasks SET due_at = due_at + interval '1 day' WHERE status = 'pending' AND unit_id <> (SELECT id FROM units WHERE unit_code = '"
                + carrier
                + "')");
      }
      clock.advance(Duration.ofMinutes(1));
      one.tick();
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM attempts a JOIN units u ON u.id = a.unit_id WHERE u.unit_code = '"
                      + carrier
                      + "'"))
          .isEqualTo(2);

      // No answer: the rung retries after 4 h, not earlier.
      String noAnswerDue =
          strings(
                  d,
                  "SELECT t.due_at FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = '"
                      + noAnswer
                      + "' AND t.status = 'pending'")
              .get(0);
      assertThat(Instant.parse(noAnswerDue.replace(' ', 'T').replace("+00", "Z")))
          .isAfterOrEqualTo(START.plus(Duration.ofHours(4)));

      // A payment stops everything for the account at once.
      new PaymentPoster(d)
          .post(noAnswer, new BigDecimal("100000.00"), LocalDate.parse("2026-11-24"), "PAY-T1");
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = '"
                      + noAnswer
                      + "' AND t.status = 'pending'"))
          .isZero();

      // Restart mid-campaign: a node dies holding a claim; after its lease a new node takes over,
      // and nobody is contacted early.
      clock.advance(Duration.ofHours(5));
      try (Connection c = d.connection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "UPDATE contact_tasks SET due_at = due_at - interval '1 day' WHERE status = 'pending' AND due_at > '"
                + START.plus(Duration.ofHours(12))
                + "'");
      }
      ch.hold = true;
      Dialer doomed =
          new Dialer(
              new CampaignService(d, clock),
              ch,
              new DialerLimits(1000, 1, Duration.ofMinutes(10)),
              () -> 0,
              "node-lost",
              clock);
      assertThat(doomed.tick()).isEqualTo(1);
      long attemptsBefore = count(d, "SELECT count(*) FROM attempts");
      ch.open.clear();
      ch.pending.clear();
      ch.hold = false;
      clock.advance(Duration.ofMinutes(11));
      CampaignService restarted = new CampaignService(d, clock);
      Dialer survivor =
          new Dialer(
              restarted,
              ch,
              new DialerLimits(10, 100, Duration.ofMinutes(10)),
              () -> 0,
              "node-2",
              clock);
      survivor.tick();
      assertThat(count(d, "SELECT count(*) FROM attempts WHERE error LIKE 'lease expired%'"))
          .isEqualTo(1);
      assertThat(count(d, "SELECT count(*) FROM attempts")).isGreaterThanOrEqualTo(attemptsBefore);
      // Nobody: promised, opted out (calls), disputed or paid was contacted again.
      for (String unit : List.of(promise, optOut, dispute, noAnswer)) {
        assertThat(
                count(
                    d,
                    "SELECT count(*) FROM attempts a JOIN units u ON u.id = a.unit_id WHERE u.unit_code = '"
                        + unit
                        + "' AND a.channel = 'voice'"))
            .as(unit)
            .isEqualTo(1);
      }
      // The lost node's contact is counted, not forgotten: its account is not re-dialed within the
      // retry interval.
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM (SELECT unit_id FROM attempts WHERE started_at > '"
                      + START.plus(Duration.ofHours(5))
                      + "' GROUP BY unit_id HAVING count(*) > 1) x"))
          .isZero();

      Map<String, Long> end = svc.status("standard");
      assertThat(end.get("contacts")).isPositive();
      assertThat(end.get("promises")).isEqualTo(1);
      assertThat(end.get("right_party_contacts")).isGreaterThanOrEqualTo(3);
    }
  }
}
