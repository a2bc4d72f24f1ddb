package com.duesline.call;

import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.conversation.Outcome;
import com.duesline.store.Database;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes what happens on calls as evidence: attempts, every turn, and the outcome (promise, plan,
 * opt-out, hold, hand-off) with an audit record for each step. Blocking JDBC: call it from a worker,
 * never from an event loop.
 */
public final class CallJournal {
  private final Database db;

  public CallJournal(Database db) {
    this.db = db;
  }

  /** Who a call is for: the ids the outcome rows hang on. */
  public record Party(long unitId, Long partyId, Long phoneId, Long taskId) {}

  /** Opens an attempt for a call about to be placed; returns its id. */
  public long openAttempt(Party who, String carrier, String scriptId, String scriptVersion, String variant) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO attempts (task_id, unit_id, phone_id, channel, carrier, script_id, script_version, variant) "
                + "VALUES (?, ?, ?, 'voice', ?, ?, ?, ?) RETURNING id")) {
      setLong(ps, 1, who.taskId());
      ps.setLong(2, who.unitId());
      setLong(ps, 3, who.phoneId());
      ps.setString(4, carrier);
      ps.setString(5, scriptId);
      ps.setString(6, scriptVersion);
      ps.setString(7, variant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        audit(c, "call.attempt_opened", id, new JsonObject().put("unit_id", who.unitId()).put("script", scriptId));
        return id;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open attempt: " + e.getMessage(), e);
    }
  }

  /** The carrier accepted the call and gave it an id. */
  public void placed(long attemptId, String callSid) {
    update(attemptId, "UPDATE attempts SET carrier_call_id = ? WHERE id = ?", callSid, "call.placed");
  }

  /** The call was answered; {@code amd} is the answering-machine result when known. */
  public void answered(long attemptId, String amd) {
    update(attemptId, "UPDATE attempts SET answered_at = coalesce(answered_at, now()), amd_result = coalesce(?, amd_result) WHERE id = ?",
        amd, "call.answered");
  }

  /** The attempt is over with {@code disposition} (and an error text for failures). */
  public void closed(long attemptId, String disposition, String error) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE attempts SET ended_at = coalesce(ended_at, now()), disposition = coalesce(disposition, ?), error = ? WHERE id = ?")) {
      ps.setString(1, disposition);
      ps.setString(2, error);
      ps.setLong(3, attemptId);
      ps.executeUpdate();
      audit(c, "call.closed", attemptId, new JsonObject().put("disposition", disposition).put("error", error));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /** One turn of the transcript, with its latency breakdown. */
  public void turn(long attemptId, TurnRecord t) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO turns (attempt_id, seq, speaker, state, transcript, intent, intent_score, entities, asr_ms, nlu_ms, tts_ms, total_ms, scores) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (attempt_id, seq) DO NOTHING")) {
      ps.setLong(1, attemptId);
      ps.setInt(2, t.seq());
      ps.setString(3, t.speaker());
      ps.setString(4, t.node());
      ps.setString(5, t.text());
      ps.setString(6, t.intent());
      if (t.intent() == null) ps.setNull(7, Types.DOUBLE); else ps.setDouble(7, t.score());
      ps.setString(8, new JsonObject(new java.util.HashMap<>(t.entities())).encode());
      TurnLatency l = t.latency();
      setMs(ps, 9, l == null ? null : l.endpointMs() + l.asrMs());
      setMs(ps, 10, l == null ? null : l.intentMs() + l.engineMs());
      setMs(ps, 11, l == null ? null : l.ttsMs());
      setMs(ps, 12, l == null ? null : l.totalMs());
      JsonObject meta = new JsonObject().put("prompt_id", t.promptId()).put("variant", t.variant()).put("heard_fraction", t.heardFraction());
      if (l != null) meta.put("latency", JsonObject.mapFrom(l));
      ps.setString(13, meta.encode());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record turn " + t.seq() + " of attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores what the conversation achieved, in one transaction: the attempt's disposition, a promise,
   * a plan, an opt-out from calls (with the caller's words as evidence), a hold. With {@code effects}
   * false only the plan and the audit record are written: the campaign dialer stores the rest.
   */
  public void outcome(long attemptId, Party who, Outcome o, List<TurnRecord> transcript, boolean effects) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        if (effects) try (PreparedStatement ps = c.prepareStatement(
            "UPDATE attempts SET disposition = ?, ended_at = coalesce(ended_at, now()) WHERE id = ?")) {
          ps.setString(1, o.disposition() == null ? "completed" : o.disposition());
          ps.setLong(2, attemptId);
          ps.executeUpdate();
        }
        if (effects && o.promise() != null && o.promise().amount() != null && o.promise().amount().signum() > 0 && o.promise().date() != null) {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO promises (unit_id, party_id, attempt_id, amount, promised_for) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, who.unitId());
            setLong(ps, 2, who.partyId());
            ps.setLong(3, attemptId);
            ps.setBigDecimal(4, o.promise().amount());
            ps.setObject(5, o.promise().date());
            ps.executeUpdate();
          }
        }
        if (o.plan() != null && o.plan().monthly() != null) {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO plans (unit_id, party_id, attempt_id, total, instalment_count) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, who.unitId());
            setLong(ps, 2, who.partyId());
            ps.setLong(3, attemptId);
            ps.setBigDecimal(4, o.plan().monthly().multiply(java.math.BigDecimal.valueOf(o.plan().months())));
            ps.setInt(5, o.plan().months());
            ps.executeUpdate();
          }
        }
        if (effects && o.optOut() && who.partyId() != null) {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO consents (party_id, phone_id, channel, kind, evidence, source, attempt_id) VALUES (?, ?, 'voice', 'opt_out', ?, 'call', ?)")) {
            ps.setLong(1, who.partyId());
            setLong(ps, 2, who.phoneId());
            ps.setString(3, "asked to stop calls in attempt " + attemptId + ": \"" + lastCallerWords(transcript) + "\"");
            ps.setLong(4, attemptId);
            ps.executeUpdate();
          }
        }
        if (effects && o.hold() != null) {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO holds (unit_id, party_id, kind, reason, created_by) VALUES (?, ?, ?, ?, 'call')")) {
            ps.setLong(1, who.unitId());
            setLong(ps, 2, who.partyId());
            ps.setString(3, o.hold());
            ps.setString(4, "said in attempt " + attemptId + ": \"" + lastCallerWords(transcript) + "\"");
            ps.executeUpdate();
          }
        }
        audit(c, "call.outcome", attemptId, new JsonObject()
            .put("disposition", o.disposition()).put("promise", o.promise() != null).put("plan", o.plan() != null)
            .put("opt_out", o.optOut()).put("hold", o.hold()).put("handoff", o.handoff())
            .put("complaint", o.complaint() == null ? null : o.complaint().text()));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the outcome of attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /** Opens a hand-off for agents with the transcript and a summary; returns its id. */
  public long handoff(long attemptId, Party who, String reason, String summary, List<TurnRecord> transcript) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO handoffs (attempt_id, unit_id, reason, summary, transcript) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      ps.setLong(1, attemptId);
      ps.setLong(2, who.unitId());
      ps.setString(3, reason);
      ps.setString(4, summary);
      ps.setString(5, transcript.stream().map(t -> t.speaker() + ": " + t.text()).collect(Collectors.joining("\n")));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        audit(c, "handoff.opened", attemptId, new JsonObject().put("handoff_id", id).put("reason", reason));
        return id;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open a hand-off for attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /** An agent took the hand-off (or nobody did: {@code agent} null abandons it). */
  public void handoffResolved(long handoffId, String agent) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(agent == null
            ? "UPDATE handoffs SET status = 'abandoned', closed_at = now() WHERE id = ? AND status = 'waiting'"
            : "UPDATE handoffs SET status = 'assigned', agent = ?, assigned_at = now() WHERE id = ? AND status = 'waiting'")) {
      if (agent == null) ps.setLong(1, handoffId);
      else {
        ps.setString(1, agent);
        ps.setLong(2, handoffId);
      }
      ps.executeUpdate();
      audit(c, agent == null ? "handoff.abandoned" : "handoff.taken", handoffId, new JsonObject().put("agent", agent));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot resolve hand-off " + handoffId + ": " + e.getMessage(), e);
    }
  }

  private static String lastCallerWords(List<TurnRecord> transcript) {
    for (int i = transcript.size() - 1; i >= 0; i--) {
      if (transcript.get(i).speaker().equals("caller")) return transcript.get(i).text().replace("\"", "'");
    }
    return "";
  }

  private void update(long attemptId, String sql, String value, String action) {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      ps.setLong(2, attemptId);
      ps.executeUpdate();
      audit(c, action, attemptId, new JsonObject().put("value", value));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  private static void audit(Connection c, String action, long id, JsonObject details) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ('call-runtime', ?, 'attempt', ?, ?::jsonb)")) {
      ps.setString(1, action);
      ps.setString(2, String.valueOf(id));
      ps.setString(3, details.encode());
      ps.executeUpdate();
    }
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
  }

  private static void setMs(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) ps.setNull(i, Types.INTEGER); else ps.setInt(i, (int) Math.round(v));
  }
}
