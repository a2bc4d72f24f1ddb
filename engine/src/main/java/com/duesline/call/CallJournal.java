package com.duesline.call;

import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.campaign.ContactEffects;
import com.duesline.campaign.Disposition;
import com.duesline.conversation.Outcome;
import com.duesline.store.Database;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes what happens on calls as evidence: attempts, every turn, the outcome (promise, plan,
 * opt-out, hold, hand-off, tickets), the recording reference, and the settling of calls a stopped
 * engine left open, with an audit record for each step. Blocking JDBC: call it from a worker, never
 * from an event loop.
 */
public final class CallJournal {
  private final Database db;

  public CallJournal(Database db) {
    this.db = db;
  }

  /** Who a call is for: the ids the outcome rows hang on. */
  public record Party(long unitId, Long partyId, Long phoneId, Long taskId) {}

  /** Opens an attempt for a call about to be placed; returns its id. */
  public long openAttempt(
      Party who, String carrier, String scriptId, String scriptVersion, String variant) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
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
        audit(
            c,
            "call.attempt_opened",
            id,
            new JsonObject().put("unit_id", who.unitId()).put("script", scriptId));
        return id;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open attempt: " + e.getMessage(), e);
    }
  }

  /**
   * The carrier accepted the call and gave it an id (stored whatever happens: it is evidence).
   * Returns false when the attempt's claim is no longer its node's (the lease ran out and another
   * node took the contact over): the caller must hang the call up, since nobody else will run it.
   */
  public boolean placed(long attemptId, String callSid) {
    update(
        attemptId,
        "UPDATE attempts SET carrier_call_id = coalesce(carrier_call_id, ?) WHERE id = ?",
        callSid,
        "call.placed");
    try (Connection c = db.connection()) {
      return !fenced(c, attemptId);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot check the claim of attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the attempt was begun under a dialer's claim that its node no longer holds (same node,
   * same fencing epoch, still in progress): then its writes are refused. Locks the task row for the
   * rest of the transaction, so a take-over cannot slip in between this check and the commit.
   */
  static boolean fenced(Connection c, long attemptId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT node_id IS NOT NULL AND task_id IS NOT NULL FROM attempts WHERE id = ?")) {
      ps.setLong(1, attemptId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !rs.getBoolean(1)) return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.id FROM attempts a JOIN contact_tasks t ON t.id = a.task_id WHERE a.id = ? "
                + "AND t.claimed_by = a.node_id AND t.lease_epoch = a.lease_epoch AND t.status = 'in_progress' FOR SHARE OF t")) {
      ps.setLong(1, attemptId);
      try (ResultSet rs = ps.executeQuery()) {
        return !rs.next();
      }
    }
  }

  /** The call was answered; {@code amd} is the answering-machine result when known. */
  public void answered(long attemptId, String amd) {
    update(
        attemptId,
        "UPDATE attempts SET answered_at = coalesce(answered_at, now()), amd_result = coalesce(?, amd_result) WHERE id = ?",
        amd,
        "call.answered");
  }

  /** The attempt is over with {@code disposition} (and an error text for failures). */
  public void closed(long attemptId, String disposition, String error) {
    String code = Disposition.parse(disposition).code();
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE attempts SET ended_at = coalesce(ended_at, now()), disposition = coalesce(disposition, ?), error = ? WHERE id = ?")) {
      ps.setString(1, code);
      ps.setString(2, error);
      ps.setLong(3, attemptId);
      ps.executeUpdate();
      audit(
          c,
          "call.closed",
          attemptId,
          new JsonObject().put("disposition", code).put("error", error));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot close attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * The carrier's recording of the call {@code callSid} is ready; false when no attempt has that
   * call.
   */
  public boolean recording(String callSid, String recordingSid, String url, int seconds) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE attempts SET recording_sid = ?, recording_url = ?, recording_seconds = ? WHERE carrier_call_id = ? RETURNING id")) {
      ps.setString(1, recordingSid);
      ps.setString(2, url);
      ps.setInt(3, seconds);
      ps.setString(4, callSid);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return false;
        audit(
            c,
            "call.recorded",
            rs.getLong(1),
            new JsonObject().put("recording_sid", recordingSid).put("seconds", seconds));
        return true;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store the recording of call " + callSid + ": " + e.getMessage(), e);
    }
  }

  /** Where the attempt's recording is, if it has one. */
  public Optional<String> recordingUrl(long attemptId) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT recording_url FROM attempts WHERE id = ?")) {
      ps.setLong(1, attemptId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * A voice attempt left open (no end) by an engine that stopped: what reconciliation needs to
   * decide.
   */
  public record OpenAttempt(long id, String callSid, Long taskId, boolean answered, String amd) {}

  /**
   * Voice attempts through {@code carrier} that never ended, oldest first; an attempt whose task a
   * dialer holds under a claim is left alone: it is that node's live call, or, once its lease runs
   * out, the dialers' to take over and settle with the carrier ({@link CarrierRecovery}).
   */
  public List<OpenAttempt> openAttempts(String carrier) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, carrier_call_id, task_id, answered_at IS NOT NULL, amd_result FROM attempts "
                    // The dialer opens its attempts without a carrier name; the call id says one
                    // was placed.
                    + "WHERE channel = 'voice' AND ended_at IS NULL AND (carrier = ? OR carrier IS NULL AND carrier_call_id IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM contact_tasks t "
                    + "WHERE t.id = attempts.task_id AND t.status IN ('claimed', 'in_progress') AND t.claimed_by IS NOT NULL) ORDER BY id")) {
      ps.setString(1, carrier);
      try (ResultSet rs = ps.executeQuery()) {
        List<OpenAttempt> out = new ArrayList<>();
        while (rs.next()) {
          long task = rs.getLong(3);
          out.add(
              new OpenAttempt(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.wasNull() ? null : task,
                  rs.getBoolean(4),
                  rs.getString(5)));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list open attempts: " + e.getMessage(), e);
    }
  }

  /**
   * Closes an attempt a stopped engine left open, in one transaction: its disposition, what the
   * carrier reported (status, duration), the task released to be re-planned by the ladder's retry
   * rules, and the decision in the audit log. Only an attempt still open is touched, so running it
   * twice changes nothing; returns whether this call closed it.
   */
  public boolean reconciled(
      long attemptId,
      String disposition,
      String carrierStatus,
      Integer durationSeconds,
      JsonObject decision) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Long task;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE attempts SET ended_at = now(), disposition = ?, carrier_status = ?, carrier_duration_s = ?, "
                    + "error = coalesce(error, 'engine restarted while the call was open') WHERE id = ? AND ended_at IS NULL RETURNING task_id")) {
          ps.setString(1, Disposition.parse(disposition).code());
          ps.setString(2, carrierStatus);
          if (durationSeconds == null) ps.setNull(3, Types.INTEGER);
          else ps.setInt(3, durationSeconds);
          ps.setLong(4, attemptId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return false;
            }
            long t = rs.getLong(1);
            task = rs.wasNull() ? null : t;
          }
        }
        if (task != null) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE contact_tasks SET status = 'failed', lease_until = NULL, updated_at = now() WHERE id = ? AND status IN ('claimed', 'in_progress')")) {
            ps.setLong(1, task);
            decision.put("task_released", ps.executeUpdate() == 1);
          }
        }
        audit(c, "call.reconciled", attemptId, decision.put("disposition", disposition));
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot reconcile attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /** One turn of the transcript, with its latency breakdown. */
  public void turn(long attemptId, TurnRecord t) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO turns (attempt_id, seq, speaker, state, transcript, intent, intent_score, entities, asr_ms, nlu_ms, tts_ms, total_ms, scores) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (attempt_id, seq) DO NOTHING")) {
      ps.setLong(1, attemptId);
      ps.setInt(2, t.seq());
      ps.setString(3, t.speaker());
      ps.setString(4, t.node());
      ps.setString(5, t.text());
      ps.setString(6, t.intent());
      if (t.intent() == null) ps.setNull(7, Types.DOUBLE);
      else ps.setDouble(7, t.score());
      ps.setString(8, new JsonObject(new java.util.HashMap<>(t.entities())).encode());
      TurnLatency l = t.latency();
      setMs(ps, 9, l == null ? null : l.endpointMs() + l.asrMs());
      setMs(ps, 10, l == null ? null : l.intentMs() + l.engineMs());
      setMs(ps, 11, l == null ? null : l.ttsMs());
      setMs(ps, 12, l == null ? null : l.totalMs());
      JsonObject meta =
          new JsonObject()
              .put("prompt_id", t.promptId())
              .put("variant", t.variant())
              .put("heard_fraction", t.heardFraction());
      if (l != null) meta.put("latency", JsonObject.mapFrom(l));
      ps.setString(13, meta.encode());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot record turn " + t.seq() + " of attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores what the conversation achieved, in one transaction: the attempt's disposition, a
   * promise, a plan with its instalments (monthly from {@code today}), an opt-out from calls (with
   * the caller's words as evidence), a hold, the tickets the call leaves for people (a service
   * complaint, a statement of charges for a dispute, a claimed payment to match, which also pauses
   * contact), and a unit the owner says is vacant. The disposition, promise, opt-out and
   * dispute/attorney/bereavement holds are written by {@link ContactEffects} (the one writer): here
   * when {@code effects}, else by the campaign dialer from the call's result. Nothing is written
   * for an attempt whose claim its node lost ({@link #fenced}).
   */
  public void outcome(
      long attemptId,
      Party who,
      Outcome o,
      List<TurnRecord> transcript,
      boolean effects,
      LocalDate today) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        if (fenced(c, attemptId)) {
          // The node lost its lease mid-call and another settled the contact: nothing more is
          // written for it.
          audit(c, "call.fenced", attemptId, new JsonObject().put("disposition", o.disposition()));
          c.commit();
          return;
        }
        if (effects) {
          ContactEffects.record(
              c,
              attemptId,
              new ContactEffects.Target(who.unitId(), who.partyId(), who.phoneId(), "voice"),
              CallEnding.of(attemptId, o.disposition(), o, transcript, null),
              java.time.Instant.now(),
              "call");
        }
        if (o.plan() != null && o.plan().monthly() != null)
          plan(c, attemptId, who, o.plan(), today);
        tickets(c, attemptId, who, o, transcript);
        if (saidVacant(transcript)) {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE units SET occupancy = 'vacant', occupancy_source = ?, updated_at = now() WHERE id = ?")) {
            ps.setString(
                1,
                "owner in attempt " + attemptId + ": \"" + callerWords(transcript, VACANT) + "\"");
            ps.setLong(2, who.unitId());
            ps.executeUpdate();
          }
          audit(
              c, "unit.vacant_reported", attemptId, new JsonObject().put("unit_id", who.unitId()));
        }
        audit(
            c,
            "call.outcome",
            attemptId,
            new JsonObject()
                .put("disposition", o.disposition())
                .put("promise", o.promise() != null)
                .put("plan", o.plan() != null)
                .put("opt_out", o.optOut())
                .put("hold", o.hold())
                .put("handoff", o.handoff())
                .put("complaint", o.complaint() == null ? null : o.complaint().text()));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store the outcome of attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /** Opens a hand-off for agents with the transcript and a summary; returns its id. */
  public long handoff(
      long attemptId, Party who, String reason, String summary, List<TurnRecord> transcript) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO handoffs (attempt_id, unit_id, reason, summary, transcript) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      ps.setLong(1, attemptId);
      ps.setLong(2, who.unitId());
      ps.setString(3, reason);
      ps.setString(4, summary);
      ps.setString(
          5,
          transcript.stream()
              .map(t -> t.speaker() + ": " + t.text())
              .collect(Collectors.joining("\n")));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        audit(
            c,
            "handoff.opened",
            attemptId,
            new JsonObject().put("handoff_id", id).put("reason", reason));
        return id;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open a hand-off for attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /**
   * A person is to call the caller back: a pending voice task for a human, due in {@code
   * afterMinutes}, for the number called. The contact policy still decides when it may be made.
   * Returns its id.
   */
  public long callbackTask(long attemptId, Party who, String e164, int afterMinutes) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            INSERT INTO contact_tasks (unit_id, party_id, phone_id, channel, ladder_step, due_at, handler, e164)
            VALUES (?, ?, ?, 'voice', 'callback', now() + make_interval(mins => ?), 'human', ?) RETURNING id""")) {
      ps.setLong(1, who.unitId());
      setLong(ps, 2, who.partyId());
      setLong(ps, 3, who.phoneId());
      ps.setInt(4, afterMinutes);
      ps.setString(5, e164);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long id = rs.getLong(1);
        audit(
            c,
            "handoff.callback_promised",
            attemptId,
            new JsonObject().put("task_id", id).put("due_in_minutes", afterMinutes));
        return id;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot record a call-back for attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  /** An agent took the hand-off (or nobody did: {@code agent} null abandons it). */
  public void handoffResolved(long handoffId, String agent) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                agent == null
                    ? "UPDATE handoffs SET status = 'abandoned', closed_at = now() WHERE id = ? AND status = 'waiting'"
                    : "UPDATE handoffs SET status = 'assigned', agent = ?, assigned_at = now() WHERE id = ? AND status = 'waiting'")) {
      if (agent == null) ps.setLong(1, handoffId);
      else {
        ps.setString(1, agent);
        ps.setLong(2, handoffId);
      }
      ps.executeUpdate();
      audit(
          c,
          agent == null ? "handoff.abandoned" : "handoff.taken",
          "handoff",
          handoffId,
          new JsonObject().put("agent", agent));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot resolve hand-off " + handoffId + ": " + e.getMessage(), e);
    }
  }

  /** Caller intents that say the unit stands empty. */
  private static final String VACANT = "vacant_unit";

  private static void plan(
      Connection c, long attemptId, Party who, Outcome.Plan plan, LocalDate today)
      throws SQLException {
    BigDecimal down =
        plan.downPayment() == null || plan.downPayment().signum() <= 0 ? null : plan.downPayment();
    long planId;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO plans (unit_id, party_id, attempt_id, total, instalment_count, late_fee_waiver_pct) VALUES (?, ?, ?, ?, ?, 100) RETURNING id")) {
      ps.setLong(1, who.unitId());
      setLong(ps, 2, who.partyId());
      ps.setLong(3, attemptId);
      BigDecimal total = plan.monthly().multiply(BigDecimal.valueOf(plan.months()));
      ps.setBigDecimal(4, down == null ? total : total.add(down));
      ps.setInt(5, plan.months() + (down == null ? 0 : 1));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        planId = rs.getLong(1);
      }
    }
    // The down payment (the plan rules') is due on the day; then monthly from a month after the
    // call, as the track says.
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO plan_instalments (plan_id, seq, due_date, amount) VALUES (?, ?, ?, ?)")) {
      int seq = 0;
      if (down != null) {
        ps.setLong(1, planId);
        ps.setInt(2, ++seq);
        ps.setObject(3, today);
        ps.setBigDecimal(4, down);
        ps.addBatch();
      }
      for (int k = 1; k <= plan.months(); k++) {
        ps.setLong(1, planId);
        ps.setInt(2, ++seq);
        ps.setObject(3, today.plusMonths(k));
        ps.setBigDecimal(4, plan.monthly());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * The work the call leaves for people: a complaint to fix (48 h, as the track promises), a
   * statement of charges for a disputed debt (5 days), a claimed payment to match (2 days) with a
   * hold that pauses contact until someone matches it.
   */
  private static void tickets(
      Connection c, long attemptId, Party who, Outcome o, List<TurnRecord> transcript)
      throws SQLException {
    if (o.complaint() != null) {
      ticket(c, attemptId, who, "service", o.complaint().text(), Duration.ofHours(48));
    }
    if ("dispute".equals(o.hold())) {
      ticket(
          c,
          attemptId,
          who,
          "charge_statement",
          "disputes the debt: \"" + lastCallerWords(transcript) + "\"",
          Duration.ofDays(5));
    }
    if ("PAID_CLAIMED".equals(o.disposition())) {
      String words = callerWords(transcript, "already_paid");
      ticket(
          c,
          attemptId,
          who,
          "payment_check",
          "says already paid: \"" + words + "\"",
          Duration.ofDays(2));
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO holds (unit_id, party_id, kind, reason, created_by) VALUES (?, ?, 'payment_check', ?, 'call')")) {
        ps.setLong(1, who.unitId());
        setLong(ps, 2, who.partyId());
        ps.setString(3, "payment claimed in attempt " + attemptId + ": \"" + words + "\"");
        ps.executeUpdate();
      }
    }
  }

  private static void ticket(
      Connection c, long attemptId, Party who, String category, String text, Duration due)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO service_tickets (unit_id, party_id, attempt_id, category, text, follow_up_due) VALUES (?, ?, ?, ?, ?, now() + ?::interval) "
                + "ON CONFLICT (attempt_id, category) WHERE attempt_id IS NOT NULL DO NOTHING RETURNING id")) {
      ps.setLong(1, who.unitId());
      setLong(ps, 2, who.partyId());
      ps.setLong(3, attemptId);
      ps.setString(4, category);
      ps.setString(5, text.isBlank() ? "(no words captured)" : text);
      ps.setString(6, due.toSeconds() + " seconds");
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next())
          audit(
              c,
              "ticket.opened",
              attemptId,
              new JsonObject().put("ticket_id", rs.getLong(1)).put("category", category));
      }
    }
  }

  private static boolean saidVacant(List<TurnRecord> transcript) {
    return transcript.stream()
        .anyMatch(t -> t.speaker().equals("caller") && VACANT.equals(t.intent()));
  }

  /**
   * Every caller utterance understood as {@code intent}, joined; the last caller words when there
   * is none.
   */
  private static String callerWords(List<TurnRecord> transcript, String intent) {
    String words =
        transcript.stream()
            .filter(t -> t.speaker().equals("caller") && intent.equals(t.intent()))
            .map(t -> t.text().replace("\"", "'"))
            .collect(Collectors.joining(" / "));
    return words.isEmpty() ? lastCallerWords(transcript) : words;
  }

  private static String lastCallerWords(List<TurnRecord> transcript) {
    for (int i = transcript.size() - 1; i >= 0; i--) {
      if (transcript.get(i).speaker().equals("caller"))
        return transcript.get(i).text().replace("\"", "'");
    }
    return "";
  }

  private void update(long attemptId, String sql, String value, String action) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      ps.setLong(2, attemptId);
      ps.executeUpdate();
      audit(c, action, attemptId, new JsonObject().put("value", value));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot update attempt " + attemptId + ": " + e.getMessage(), e);
    }
  }

  private static void audit(Connection c, String action, long attemptId, JsonObject details)
      throws SQLException {
    audit(c, action, "attempt", attemptId, details);
  }

  private static void audit(Connection c, String action, String entity, long id, JsonObject details)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ('call-runtime', ?, ?, ?, ?::jsonb)")) {
      ps.setString(1, action);
      ps.setString(2, entity);
      ps.setString(3, String.valueOf(id));
      ps.setString(4, details.encode());
      ps.executeUpdate();
    }
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) ps.setNull(i, Types.BIGINT);
    else ps.setLong(i, v);
  }

  private static void setMs(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) ps.setNull(i, Types.INTEGER);
    else ps.setInt(i, (int) Math.round(v));
  }
}
