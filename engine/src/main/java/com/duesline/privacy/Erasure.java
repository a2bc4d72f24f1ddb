package com.duesline.privacy;

import com.duesline.campaign.TaskStore;
import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Erases the personal data of a unit's parties on request (PIPL art. 47, GDPR art. 17), in one
 * transaction: names, e-mail and postal addresses, phone numbers (replaced by a number in the
 * unassigned +999 country code, status invalid, with an opt-out on every channel so the policy
 * refuses any contact), every transcript, hand-off summary, service ticket's words, QA finding and
 * letter body and address of the unit's calls, and its recordings. What stays: the unit, its
 * charges and payments (accounting records), the dates and outcomes of each contact, and an audit
 * record of the erasure (who asked, why, how much was removed; no personal data). A ledger
 * re-import does not bring an erased party's name or numbers back. Blocking: run it on a worker.
 */
public final class Erasure {
  /** What stands in for erased text. */
  public static final String ERASED = "[erased]";

  private final Database db;
  private final Path recordingsDir;

  /** What one erasure removed. */
  public record Result(String unit, int parties, int phones, int attempts, int recordings) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("unit", unit)
          .put("parties", parties)
          .put("phones", phones)
          .put("attempts", attempts)
          .put("recordings", recordings);
    }
  }

  public Erasure(Database db, Path recordingsDir) {
    this.db = db;
    this.recordingsDir = recordingsDir;
  }

  /**
   * Erases {@code unitCode}'s personal data; {@code by} and {@code reason} go to the audit record.
   */
  public Result erase(String unitCode, String by, String reason) {
    if (reason == null || reason.isBlank())
      throw new InputRejectedException("erase: --reason is required (the request it answers)");
    List<String> sids = new ArrayList<>();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      long unit;
      try (var ps = c.prepareStatement("SELECT id FROM units WHERE unit_code = ? FOR UPDATE")) {
        ps.setString(1, unitCode);
        try (var rs = ps.executeQuery()) {
          if (!rs.next())
            throw new InputRejectedException("erase: unit '" + unitCode + "' is not in the store");
          unit = rs.getLong(1);
        }
      }
      int parties =
          TaskStore.exec(
              c,
              "UPDATE parties SET full_name = ?, email = NULL, mailing_address = NULL, erased_at = now(),"
                  + " updated_at = now() WHERE unit_id = ?",
              ERASED,
              unit);
      // An opt-out on every channel (the policy's own rule), before the numbers go.
      TaskStore.exec(
          c,
          "INSERT INTO consents(party_id, channel, kind, evidence, source)"
              + " SELECT id, 'all', 'opt_out', 'personal data erased on request', 'erasure' FROM parties WHERE unit_id = ?",
          unit);
      // The carrier's webhooks as received name the numbers (and hold SMS bodies): gone with them.
      TaskStore.exec(
          c,
          "DELETE FROM carrier_events WHERE call_sid IN (SELECT carrier_call_id FROM attempts WHERE unit_id = ?)"
              + " OR payload->>'to' IN (SELECT e164 FROM phones WHERE party_id IN (SELECT id FROM parties WHERE unit_id = ?))"
              + " OR payload->>'from' IN (SELECT e164 FROM phones WHERE party_id IN (SELECT id FROM parties WHERE unit_id = ?))",
          unit,
          unit,
          unit);
      // '+999' is an unassigned country code: the number is gone, the row (and what refers to it)
      // stays valid.
      int phones =
          TaskStore.exec(
              c,
              "UPDATE phones SET e164 = '+999' || lpad(id::text, 11, '0'), status = 'invalid',"
                  + " status_changed_at = now() WHERE party_id IN (SELECT id FROM parties WHERE unit_id = ?)",
              unit);
      try (var ps =
          c.prepareStatement(
              "SELECT recording_sid FROM attempts WHERE unit_id = ? AND recording_sid IS NOT NULL")) {
        ps.setLong(1, unit);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) sids.add(rs.getString(1));
        }
      }
      Array attempts;
      List<Long> ids = new ArrayList<>();
      try (var ps = c.prepareStatement("SELECT id FROM attempts WHERE unit_id = ?")) {
        ps.setLong(1, unit);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) ids.add(rs.getLong(1));
        }
      }
      attempts = c.createArrayOf("bigint", ids.toArray());
      TaskStore.exec(
          c,
          "UPDATE attempts SET recording_sid = NULL, recording_url = NULL, recording_removed_at = coalesce(recording_removed_at, now()),"
              + " transcripts_removed_at = coalesce(transcripts_removed_at, now()) WHERE unit_id = ?",
          unit);
      blankTranscripts(c, attempts);
      TaskStore.exec(
          c, "UPDATE handoffs SET summary = NULL, transcript = NULL WHERE unit_id = ?", unit);
      TaskStore.exec(c, "UPDATE service_tickets SET text = ? WHERE unit_id = ?", ERASED, unit);
      TaskStore.exec(
          c,
          "UPDATE letters SET recipient_name = ?, address = ?, pdf = ''::bytea WHERE unit_id = ?",
          ERASED,
          ERASED,
          unit);
      TaskStore.exec(
          c, "UPDATE qa_results SET findings = '[]'::jsonb WHERE attempt_id = ANY(?)", attempts);
      Result result = new Result(unitCode, parties, phones, ids.size(), sids.size());
      TaskStore.audit(
          c, by, "privacy.erase", "unit", unitCode, result.toJson().put("reason", reason).encode());
      c.commit();
      for (String sid : sids) RetentionSweep.deleteQuietly(recordingsDir.resolve(sid + ".wav"));
      return result;
    } catch (SQLException e) {
      throw new StoreException("erasing unit " + unitCode + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The words of the given attempts' turns and hand-offs; the rows (times, intents, latency) stay.
   */
  static void blankTranscripts(Connection c, Object attemptIds) throws SQLException {
    TaskStore.exec(
        c,
        "UPDATE turns SET transcript = '', entities = NULL WHERE attempt_id = ANY(?) AND (transcript <> '' OR entities IS NOT NULL)",
        attemptIds);
    TaskStore.exec(
        c,
        "UPDATE handoffs SET summary = NULL, transcript = NULL WHERE attempt_id = ANY(?)",
        attemptIds);
  }
}
