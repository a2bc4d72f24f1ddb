package com.duesline.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.duesline.campaign.PhoneJurisdictions;
import com.duesline.cli.InputRejectedException;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention by jurisdiction and erasure on request, on a real database with real recording files.
 */
class PrivacyTest {
  private static final String HEADER =
      String.join(",", com.duesline.ledger.LedgerFormat.COLUMNS) + "\n";
  private static final String LEDGER =
      HEADER
          + "unit,A-101,,,,,,,,false,88.5,,,,\n"
          + "unit,B-202,,,,,,,,false,70,,,,\n"
          + "party,A-101,A-101-O,Wang Li,owner,zh,+8613812341234,,Asia/Shanghai,,,,,,\n"
          + "party,B-202,B-202-O,Mary Smith,owner,en,+12125550142,,America/New_York,,,,,,\n"
          + "charge,A-101,C1,,,,,,,,,2026-01,service,300.00,2026-01-01\n"
          + "charge,B-202,C2,,,,,,,,,2026-01,service,250.00,2026-01-01\n";
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void recordingsAndTranscriptsGoAfterTheirJurisdictionsPeriodOnly(@TempDir Path dir)
      throws Exception {
    try (Database db = TestDatabase.fresh()) {
      new LedgerImporter(db).importFile(write(dir, LEDGER));
      Path recordings = Files.createDirectories(dir.resolve("recordings"));
      // 200 days ago: past CN's 180 days for recordings, within its 365 for transcripts; within
      // US's 730 for both.
      long cn = call(db, "A-101", "RE-cn", "200 days", recordings);
      long us = call(db, "B-202", "RE-us", "200 days", recordings);
      long recent = call(db, "A-101", "RE-new", "10 days", recordings);
      RetentionSweep sweep =
          new RetentionSweep(
              db,
              RetentionRules.bundled(),
              PhoneJurisdictions.bundled(),
              recordings,
              Clock.fixed(NOW, ZoneOffset.UTC));
      // Carrier webhooks as received: one past the 30 days they are kept, one recent.
      event(db, "status:CA-old:completed", "CA-old", "{\"to\": \"+8613812341234\"}", "40 days");
      event(db, "status:CA-new:completed", "CA-new", "{\"to\": \"+8613812341234\"}", "1 day");
      assertThat(sweep.run(true)).isEqualTo(new RetentionSweep.Result(1, 0, 1, List.of()));
      assertThat(Files.exists(recordings.resolve("RE-cn.wav")))
          .as("a dry run removes nothing")
          .isTrue();
      RetentionSweep.Result r = sweep.run(false);
      assertThat(r.recordings()).isEqualTo(1);
      assertThat(r.transcripts()).isZero();
      assertThat(r.carrierEvents()).isEqualTo(1);
      assertThat(rows(db, "SELECT call_sid FROM carrier_events")).containsExactly("CA-new");
      assertThat(Files.exists(recordings.resolve("RE-cn.wav"))).isFalse();
      assertThat(Files.exists(recordings.resolve("RE-us.wav"))).isTrue();
      assertThat(Files.exists(recordings.resolve("RE-new.wav"))).isTrue();
      assertThat(
              rows(
                  db,
                  "SELECT id, recording_sid IS NULL, transcripts_removed_at IS NULL FROM attempts ORDER BY id"))
          .containsExactly(cn + "|t|t", us + "|f|t", recent + "|f|t");
      assertThat(rows(db, "SELECT transcript FROM turns WHERE attempt_id = " + cn))
          .containsExactly("my name is Wang Li");
      assertThat(
              rows(
                  db,
                  "SELECT action, details->>'recordings' FROM audit_log WHERE action = 'privacy.retention'"))
          .containsExactly("privacy.retention|1");
      // 400 days on: CN's transcripts are due too; the US call's are not.
      RetentionSweep later =
          new RetentionSweep(
              db,
              RetentionRules.bundled(),
              PhoneJurisdictions.bundled(),
              recordings,
              Clock.fixed(NOW.plusSeconds(200L * 86400), ZoneOffset.UTC));
      assertThat(later.run(false).transcripts()).isEqualTo(1);
      assertThat(rows(db, "SELECT transcript FROM turns WHERE attempt_id = " + cn))
          .containsExactly("");
      assertThat(rows(db, "SELECT transcript FROM turns WHERE attempt_id = " + us))
          .containsExactly("my name is Wang Li");
    }
  }

  @Test
  void eraseRemovesAPersonsDataKeepsTheLedgerAndAnAuditRecordAndSurvivesReimport(@TempDir Path dir)
      throws Exception {
    try (Database db = TestDatabase.fresh()) {
      LedgerImporter importer = new LedgerImporter(db);
      importer.importFile(write(dir, LEDGER));
      Path recordings = Files.createDirectories(dir.resolve("recordings"));
      long a101 = call(db, "A-101", "RE-1", "3 days", recordings);
      try (Connection c = db.connection();
          var st = c.createStatement()) {
        st.execute("UPDATE attempts SET carrier_call_id = 'CA-a101' WHERE id = " + a101);
      }
      // Webhooks naming A-101's call or number go with its data; B-202's stay.
      event(db, "status:CA-a101:completed", "CA-a101", "{\"to\": \"+8613812341234\"}", "3 days");
      event(db, "sms:SM-1", null, "{\"from\": \"+8613812341234\", \"body\": \"STOP\"}", "2 days");
      event(db, "sms_status:SM-2:delivered", null, "{\"to\": \"+12125550142\"}", "2 days");
      Erasure erasure = new Erasure(db, recordings);
      assertThat(
              catchThrowableOfType(
                      InputRejectedException.class, () -> erasure.erase("NOPE", "dpo", "request 7"))
                  .problems())
          .containsExactly("erase: unit 'NOPE' is not in the store");
      Erasure.Result r = erasure.erase("A-101", "dpo", "PIPL request 2026-118");
      assertThat(r).isEqualTo(new Erasure.Result("A-101", 1, 1, 1, 1));
      assertThat(Files.exists(recordings.resolve("RE-1.wav"))).isFalse();
      assertThat(rows(db, "SELECT event_key FROM carrier_events"))
          .containsExactly("sms_status:SM-2:delivered");
      assertThat(
              rows(
                  db,
                  "SELECT p.full_name, ph.e164, ph.status FROM parties p JOIN phones ph ON ph.party_id = p.id WHERE p.party_ref = 'A-101-O'"))
          .singleElement()
          .asString()
          .startsWith("[erased]|+999")
          .endsWith("|invalid");
      assertThat(
              rows(
                  db,
                  "SELECT transcript FROM turns t JOIN attempts a ON a.id = t.attempt_id JOIN units u ON u.id = a.unit_id WHERE u.unit_code = 'A-101'"))
          .containsExactly("");
      assertThat(rows(db, "SELECT kind, channel FROM consents")).containsExactly("opt_out|all");
      // The other unit and the ledger amounts are untouched.
      assertThat(rows(db, "SELECT full_name FROM parties WHERE party_ref = 'B-202-O'"))
          .containsExactly("Mary Smith");
      assertThat(rows(db, "SELECT count(*) FROM charges")).containsExactly("2");
      List<String> audit =
          rows(
              db,
              "SELECT actor, action, entity_id, details::text FROM audit_log WHERE action = 'privacy.erase'");
      assertThat(audit)
          .singleElement()
          .asString()
          .startsWith("dpo|privacy.erase|A-101|")
          .contains("PIPL request 2026-118")
          .doesNotContain("Wang")
          .doesNotContain("13812341234");
      // Re-importing the ledger does not bring the name or the number back.
      importer.importFile(write(dir, LEDGER));
      assertThat(rows(db, "SELECT full_name FROM parties WHERE party_ref = 'A-101-O'"))
          .containsExactly("[erased]");
      assertThat(rows(db, "SELECT count(*) FROM phones WHERE e164 = '+8613812341234'"))
          .containsExactly("0");
    }
  }

  /**
   * An answered call of {@code unit} started {@code ago}, with a caller turn and a recording file.
   */
  private static long call(Database db, String unit, String sid, String ago, Path recordings)
      throws Exception {
    Files.writeString(recordings.resolve(sid + ".wav"), "RIFF");
    try (Connection c = db.connection();
        var st = c.createStatement()) {
      long id;
      try (var rs =
          st.executeQuery(
              "INSERT INTO attempts(unit_id, phone_id, channel, started_at, recording_sid, recording_url)"
                  + " SELECT u.id, ph.id, 'voice', TIMESTAMPTZ '2026-11-30 12:00Z' - interval '"
                  + ago
                  + "', '"
                  + sid
                  + "', 'http://local/"
                  + sid
                  + "'"
                  + " FROM units u JOIN parties p ON p.unit_id = u.id JOIN phones ph ON ph.party_id = p.id WHERE u.unit_code = '"
                  + unit
                  + "' RETURNING id")) {
        rs.next();
        id = rs.getLong(1);
      }
      st.execute(
          "INSERT INTO turns(attempt_id, seq, speaker, transcript) VALUES ("
              + id
              + ", 1, 'caller', 'my name is Wang Li')");
      return id;
    }
  }

  /** A carrier webhook as stored, received {@code ago} before the test's now. */
  private static void event(Database db, String key, String callSid, String payload, String ago)
      throws Exception {
    String prefix = key.substring(0, key.indexOf(':'));
    String kind = prefix.equals("status") ? "call_status" : prefix;
    try (Connection c = db.connection();
        var ps =
            c.prepareStatement(
                "INSERT INTO carrier_events(event_key, kind, call_sid, payload, received_by, received_at)"
                    + " VALUES (?, ?, ?, ?::jsonb, 'node-1', TIMESTAMPTZ '2026-11-30 12:00Z' - ?::interval)")) {
      ps.setString(1, key);
      ps.setString(2, kind);
      ps.setString(3, callSid);
      ps.setString(4, payload);
      ps.setString(5, ago);
      ps.executeUpdate();
    }
  }

  private static Path write(Path dir, String content) throws Exception {
    Path f = dir.resolve("ledger.csv");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  private static List<String> rows(Database db, String sql) throws Exception {
    return TestDatabase.rows(db, sql);
  }
}
