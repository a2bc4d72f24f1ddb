package com.duesline.campaign;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The one writer of what a finished contact means for the account: the attempt's disposition and
 * end, a promise, an opt-out on the channel it came from (with its evidence), a hold that only a
 * person lifts, a wrong number on that phone, and the audit record. The campaign dialer (through
 * {@link TaskStore#finish}) and a call placed outside a campaign (the call journal) both end here,
 * on the caller's connection and transaction, so the facts are written one way whoever learned
 * them.
 */
public final class ContactEffects {
  private ContactEffects() {}

  /**
   * Whom a contact was for: the ids its effects hang on, and the channel ({@code voice}, {@code
   * sms}, {@code letter}).
   */
  public record Target(long unitId, Long partyId, Long phoneId, String channel) {}

  /**
   * Closes attempt {@code attemptId} with {@code r} and writes its effects; returns false (writing
   * nothing) when the attempt already has a disposition, so a second report of the same ending,
   * from another node or a retried message, doubles nothing. A hand-off is the one disposition
   * refined later: the agent who took the call wraps it up with what they agreed.
   */
  public static boolean record(
      Connection c, long attemptId, Target who, ContactResult r, Instant now, String actor)
      throws SQLException {
    Outcome outcome = r.outcome();
    Timestamp at = Timestamp.from(now);
    int closed =
        TaskStore.exec(
            c,
            """
        UPDATE attempts SET ended_at = coalesce(ended_at, ?), disposition = ?, carrier_call_id = coalesce(?, carrier_call_id),
               error = CASE WHEN ?::boolean THEN ? ELSE error END,
               answered_at = coalesce(answered_at, CASE WHEN ?::boolean THEN ?::timestamptz END)
        WHERE id = ? AND (disposition IS NULL OR disposition = ?)""",
            at,
            r.disposition().code(),
            r.carrierId(),
            outcome == Outcome.CARRIER_ERROR,
            r.evidence(),
            outcome.conversation(),
            at,
            attemptId,
            Disposition.HANDOFF.code());
    if (closed == 0) return false;
    String channel = "sms".equals(who.channel()) ? "sms" : "voice";
    // Each fact the contact produced is written, whatever single outcome the campaign files it
    // under:
    // a caller may promise and ask for no more calls in one conversation.
    if (r.promisedAmount() != null && r.promisedAmount().signum() > 0 && r.promisedFor() != null) {
      TaskStore.exec(
          c,
          "INSERT INTO promises(unit_id, party_id, attempt_id, amount, promised_for) VALUES (?, ?, ?, ?, ?)",
          who.unitId(),
          who.partyId(),
          attemptId,
          r.promisedAmount(),
          java.sql.Date.valueOf(r.promisedFor()));
    }
    if (r.optOut() && who.partyId() != null) {
      TaskStore.exec(
          c,
          "INSERT INTO consents(party_id, phone_id, channel, kind, evidence, source, attempt_id, recorded_at) "
              + "VALUES (?, ?, ?, 'opt_out', ?, ?, ?, ?)",
          who.partyId(),
          who.phoneId(),
          channel,
          r.evidence(),
          channel.equals("sms") ? "sms_reply" : "call",
          attemptId,
          at);
    }
    if (r.hold() != null) {
      TaskStore.exec(
          c,
          "INSERT INTO holds(unit_id, party_id, kind, reason, starts_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
          who.unitId(),
          who.partyId(),
          r.hold(),
          r.evidence(),
          at,
          actor);
    }
    if (outcome == Outcome.WRONG_NUMBER && who.phoneId() != null) {
      TaskStore.exec(
          c,
          "UPDATE phones SET status = 'wrong_number', status_changed_at = ? WHERE id = ?",
          at,
          who.phoneId());
    }
    TaskStore.audit(
        c,
        actor,
        "contact.ended",
        "attempt",
        String.valueOf(attemptId),
        new io.vertx.core.json.JsonObject()
            .put("unit_id", who.unitId())
            .put("disposition", r.disposition().code())
            .put("outcome", outcome.id())
            .encode());
    return true;
  }
}
