package com.duesline.qa;

import com.duesline.campaign.PhoneJurisdictions;
import com.duesline.qa.QaRules.Severity;
import com.duesline.qa.QaTranscript.Turn;
import com.duesline.store.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * QA verdicts in PostgreSQL ({@code qa_results}) and the transcripts they are taken from: a call's
 * stored turns, its party's language, and the jurisdiction of the number called. Blocking JDBC:
 * call it from a worker.
 */
public final class QaStore {
  private final Database db;
  private final PhoneJurisdictions jurisdictions;

  public QaStore(Database db) {
    this(db, PhoneJurisdictions.bundled());
  }

  public QaStore(Database db, PhoneJurisdictions jurisdictions) {
    this.db = db;
    this.jurisdictions = jurisdictions;
  }

  /**
   * The transcript of a finished voice attempt from its stored turns; empty when it has none (no
   * one spoke).
   */
  public Optional<QaTranscript> transcript(long attemptId) {
    try (Connection c = db.connection()) {
      String lang = null;
      String e164 = null;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT coalesce(ph.language, pa.language, 'en'), ph.e164 FROM attempts a LEFT JOIN phones ph ON ph.id = a.phone_id "
                  + "LEFT JOIN parties pa ON pa.id = ph.party_id WHERE a.id = ?")) {
        ps.setLong(1, attemptId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          lang = rs.getString(1);
          e164 = rs.getString(2);
        }
      }
      List<Turn> turns = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT speaker, transcript, intent FROM turns WHERE attempt_id = ? ORDER BY seq")) {
        ps.setLong(1, attemptId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) turns.add(new Turn(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
      if (turns.isEmpty()) return Optional.empty();
      String jurisdiction = e164 == null ? "" : jurisdictions.of(e164);
      return Optional.of(new QaTranscript(lang, jurisdiction, "call", turns));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the transcript of attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores (or replaces) an attempt's verdict, with an audit record. A verdict from the recording
   * (the whole call, a person's part included) is not replaced by one from the live transcript
   * alone, which can finish later.
   */
  public boolean save(long attemptId, String source, QaTranscript t, QaResult r) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO qa_results (attempt_id, source, lang, jurisdiction, score, passed, critical, major, minor, findings) "
                      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (attempt_id) DO UPDATE SET checked_at = now(), "
                      + "source = excluded.source, lang = excluded.lang, jurisdiction = excluded.jurisdiction, score = excluded.score, "
                      + "passed = excluded.passed, critical = excluded.critical, major = excluded.major, minor = excluded.minor, findings = excluded.findings "
                      + "WHERE qa_results.source = 'transcript' OR excluded.source = 'recording'");
          PreparedStatement audit =
              c.prepareStatement(
                  "INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ('qa', 'qa.checked', 'attempt', ?, ?::jsonb)")) {
        ps.setLong(1, attemptId);
        ps.setString(2, source);
        ps.setString(3, t.lang());
        ps.setString(4, t.jurisdiction());
        ps.setInt(5, r.score());
        ps.setBoolean(6, r.passed());
        ps.setInt(7, (int) r.count(Severity.CRITICAL));
        ps.setInt(8, (int) r.count(Severity.MAJOR));
        ps.setInt(9, (int) r.count(Severity.MINOR));
        ps.setString(10, r.findingsJson().encode());
        if (ps.executeUpdate() == 0) {
          c.rollback();
          return false;
        }
        audit.setString(1, String.valueOf(attemptId));
        audit.setString(
            2,
            new JsonObject()
                .put("score", r.score())
                .put("passed", r.passed())
                .put("source", source)
                .put(
                    "rules",
                    new JsonArray(
                        r.findings().stream().map(QaResult.Finding::rule).distinct().toList()))
                .encode());
        audit.executeUpdate();
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store the QA verdict of attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * A call a person spoke on (a hand-off an agent took, or a supervisor's take-over), as its
   * recording needs it: the recording, when the call was answered (where the recording starts),
   * when the person joined, and what the board shows of it.
   */
  public record PersonLeg(
      long attemptId,
      String recordingUrl,
      Instant answeredAt,
      Instant personFrom,
      String unit,
      String track,
      String e164) {}

  /**
   * The call {@code callSid}'s person leg; empty when no person joined it, or it has no recording
   * or answer time.
   */
  public Optional<PersonLeg> personLeg(String callSid) {
    String sql =
        """
        SELECT a.id, a.recording_url, a.answered_at, u.unit_code, a.script_id, ph.e164,
               least((SELECT min(h.assigned_at) FROM handoffs h WHERE h.attempt_id = a.id AND h.agent IS NOT NULL),
                     (SELECT min(t.at) FROM turns t WHERE t.attempt_id = a.id AND t.speaker = 'agent'
                         AND t.state IS DISTINCT FROM 'recording')) AS person_from
          FROM attempts a JOIN units u ON u.id = a.unit_id LEFT JOIN phones ph ON ph.id = a.phone_id
         WHERE a.carrier_call_id = ?""";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, callSid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()
            || rs.getString("recording_url") == null
            || rs.getTimestamp("answered_at") == null
            || rs.getTimestamp("person_from") == null) return Optional.empty();
        return Optional.of(
            new PersonLeg(
                rs.getLong("id"),
                rs.getString("recording_url"),
                rs.getTimestamp("answered_at").toInstant(),
                rs.getTimestamp("person_from").toInstant(),
                rs.getString("unit_code"),
                rs.getString("script_id"),
                rs.getString("e164")));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the call " + callSid + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores what a call's recording says after a person joined as the call's last turns (state
   * {@code recording}), replacing those of an earlier transcription of it, in one transaction.
   */
  public void saveRecordedTurns(long attemptId, Instant answeredAt, List<RecordedTurn> turns) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del =
              c.prepareStatement("DELETE FROM turns WHERE attempt_id = ? AND state = 'recording'");
          PreparedStatement seq =
              c.prepareStatement("SELECT coalesce(max(seq), 0) FROM turns WHERE attempt_id = ?");
          PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO turns (attempt_id, seq, speaker, at, state, transcript) VALUES (?, ?, ?, ?, 'recording', ?)")) {
        del.setLong(1, attemptId);
        del.executeUpdate();
        seq.setLong(1, attemptId);
        int next;
        try (ResultSet rs = seq.executeQuery()) {
          rs.next();
          next = rs.getInt(1) + 1;
        }
        for (RecordedTurn t : turns) {
          ins.setLong(1, attemptId);
          ins.setInt(2, next++);
          ins.setString(3, t.speaker());
          ins.setTimestamp(
              4, Timestamp.from(answeredAt.plusMillis(Math.round(t.atSeconds() * 1000))));
          ins.setString(5, t.text());
          ins.addBatch();
        }
        ins.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store the recorded turns of attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Finished voice attempts with turns and no verdict yet, oldest first (what a restart left
   * unchecked).
   */
  public List<Long> unchecked(int limit) {
    List<Long> ids = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT a.id FROM attempts a WHERE a.channel = 'voice' AND a.ended_at IS NOT NULL "
                    + "AND NOT EXISTS (SELECT 1 FROM qa_results q WHERE q.attempt_id = a.id) "
                    + "AND EXISTS (SELECT 1 FROM turns t WHERE t.attempt_id = a.id) ORDER BY a.id LIMIT ?")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) ids.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list unchecked calls: " + e.getMessage(), e);
    }
    return ids;
  }

  /**
   * The QA report since an instant: calls checked, passed, failed, the mean score, each rule's
   * count by severity, and the failing calls (most recent first, at most {@code failingLimit}).
   */
  public JsonObject report(Instant since, int failingLimit) {
    try (Connection c = db.connection()) {
      JsonObject out = new JsonObject().put("since", since.toString());
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT count(*), count(*) FILTER (WHERE passed), coalesce(avg(score), 0), count(*) FILTER (WHERE source = 'recording') "
                  + "FROM qa_results WHERE checked_at >= ?")) {
        ps.setTimestamp(1, Timestamp.from(since));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long checked = rs.getLong(1);
          long passed = rs.getLong(2);
          out.put("checked", checked)
              .put("passed", passed)
              .put("failed", checked - passed)
              .put(
                  "pass_rate", checked == 0 ? null : Math.round(1000.0 * passed / checked) / 1000.0)
              .put("mean_score", Math.round(rs.getDouble(3) * 10) / 10.0)
              .put("from_recordings", rs.getLong(4));
        }
      }
      JsonArray rules = new JsonArray();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT f->>'rule', f->>'severity', count(*), count(DISTINCT q.attempt_id) FROM qa_results q, jsonb_array_elements(q.findings) f "
                  + "WHERE q.checked_at >= ? GROUP BY 1, 2 ORDER BY 3 DESC, 1")) {
        ps.setTimestamp(1, Timestamp.from(since));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rules.add(
                new JsonObject()
                    .put("rule", rs.getString(1))
                    .put("severity", rs.getString(2))
                    .put("findings", rs.getLong(3))
                    .put("calls", rs.getLong(4)));
          }
        }
      }
      out.put("rules", rules);
      JsonArray failing = new JsonArray();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT q.attempt_id, u.unit_code, a.script_id, q.score, q.checked_at, q.findings, q.source FROM qa_results q "
                  + "JOIN attempts a ON a.id = q.attempt_id JOIN units u ON u.id = a.unit_id "
                  + "WHERE q.checked_at >= ? AND NOT q.passed ORDER BY q.checked_at DESC, q.attempt_id DESC LIMIT ?")) {
        ps.setTimestamp(1, Timestamp.from(since));
        ps.setInt(2, failingLimit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            failing.add(
                new JsonObject()
                    .put("attempt", rs.getLong(1))
                    .put("unit", rs.getString(2))
                    .put("track", rs.getString(3))
                    .put("score", rs.getInt(4))
                    .put("checked_at", rs.getTimestamp(5).toInstant().toString())
                    .put("findings", new JsonArray(rs.getString(6)))
                    .put("source", rs.getString(7)));
          }
        }
      }
      return out.put("failing", failing);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot build the QA report: " + e.getMessage(), e);
    }
  }
}
