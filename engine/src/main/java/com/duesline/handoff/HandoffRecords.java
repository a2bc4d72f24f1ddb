package com.duesline.handoff;

import com.duesline.call.CallJournal;
import com.duesline.call.CallJournal.Party;
import com.duesline.conversation.Outcome;
import com.duesline.store.Database;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The stored side of hand-offs for agents: what one is about, and closing it with the agent's
 * disposition. Blocking.
 */
public final class HandoffRecords {
  private final Database db;
  private final CallJournal journal;

  /**
   * One hand-off as stored, with the account it is about and the number called (unmasked: callers
   * mask).
   */
  public record Details(
      long id,
      long attemptId,
      Party who,
      String unit,
      String party,
      String phone,
      String reason,
      String summary,
      String transcript,
      String status,
      String agent) {}

  public HandoffRecords(Database db) {
    this.db = db;
    this.journal = new CallJournal(db);
  }

  public Optional<Details> details(long id) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            SELECT h.id, h.attempt_id, h.unit_id, a.phone_id, t.party_id, t.id, u.unit_code, p.full_name, ph.e164,
                   h.reason, h.summary, h.transcript, h.status, h.agent
            FROM handoffs h
            JOIN units u ON u.id = h.unit_id
            LEFT JOIN attempts a ON a.id = h.attempt_id
            LEFT JOIN contact_tasks t ON t.id = a.task_id
            LEFT JOIN phones ph ON ph.id = a.phone_id
            LEFT JOIN parties p ON p.id = coalesce(t.party_id, ph.party_id)
            WHERE h.id = ?""")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        Party who =
            new Party(
                rs.getLong(3),
                (Long) rs.getObject(5),
                (Long) rs.getObject(4),
                (Long) rs.getObject(6));
        return Optional.of(
            new Details(
                rs.getLong(1),
                rs.getLong(2),
                who,
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read hand-off " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Closes a hand-off the agent took with their disposition and notes, and stores what they agreed
   * (a promise, a plan) as the call's outcome, the same way the bot's outcomes are stored.
   *
   * @return false when the hand-off is not this agent's or is already closed (nothing written)
   */
  public boolean close(long id, String agent, Outcome outcome, String notes) {
    Optional<Details> d = details(id);
    if (d.isEmpty() || !agent.equals(d.get().agent()) || !"assigned".equals(d.get().status()))
      return false;
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            UPDATE handoffs SET status = 'closed', disposition = ?, notes = ?, closed_at = now()
            WHERE id = ? AND agent = ? AND status = 'assigned'""")) {
      ps.setString(1, outcome.disposition());
      ps.setString(2, notes);
      ps.setLong(3, id);
      ps.setString(4, agent);
      if (ps.executeUpdate() == 0) return false;
      try (PreparedStatement audit =
          c.prepareStatement(
              "INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES (?, 'handoff.closed', 'handoff', ?, ?::jsonb)")) {
        audit.setString(1, "agent:" + agent);
        audit.setString(2, String.valueOf(id));
        audit.setString(
            3,
            new JsonObject()
                .put("disposition", outcome.disposition())
                .put("notes_chars", notes == null ? 0 : notes.length())
                .encode());
        audit.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close hand-off " + id + ": " + e.getMessage(), e);
    }
    journal.outcome(
        d.get().attemptId(), d.get().who(), outcome, List.of(), true, java.time.LocalDate.now());
    return true;
  }
}
