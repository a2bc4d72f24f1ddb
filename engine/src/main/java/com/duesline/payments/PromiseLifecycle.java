package com.duesline.payments;

import com.duesline.campaign.AccountSnapshot;
import com.duesline.campaign.CampaignService;
import com.duesline.campaign.TaskStore;
import com.duesline.policy.CampaignLimits;
import com.duesline.policy.Channel;
import com.duesline.policy.PolicyDecision;
import com.duesline.policy.ReasonCode;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The daily evaluation of what people promised. Promises and instalments whose date has passed move
 * from pending to kept, partly kept or broken (by the payments since each was made); a broken
 * promise has its account re-planned in every running campaign, whose {@code on-broken-promise}
 * rung is the follow-up track; after {@code broken-in-a-row-to-person} broken ones in a row the
 * account goes to a person (a call-back task for a human) instead; and the day before something is
 * due, a reminder SMS goes out if the contact policy allows it. Running it twice on a day changes
 * nothing more.
 */
public final class PromiseLifecycle {
  /** The ladder step of the human task two broken promises in a row make. */
  public static final String TO_PERSON_STEP = "broken_promises";

  private final Database db;
  private final CampaignService campaigns;
  private final PlanRules rules;
  private final ReminderSender sender;
  private final Clock clock;

  public PromiseLifecycle(
      Database db, CampaignService campaigns, PlanRules rules, ReminderSender sender, Clock clock) {
    this.db = db;
    this.campaigns = campaigns;
    this.rules = rules;
    this.sender = sender;
    this.clock = clock;
  }

  /** What one evaluation did. */
  public record Evaluation(
      int kept,
      int partlyKept,
      int broken,
      int instalmentsPaid,
      int instalmentsPartly,
      int instalmentsMissed,
      Set<String> followedUp,
      Set<String> toPerson,
      List<String> reminded,
      List<String> reminderRefusals) {

    public JsonObject toJson() {
      return new JsonObject()
          .put(
              "promises",
              new JsonObject()
                  .put("kept", kept)
                  .put("partly_kept", partlyKept)
                  .put("broken", broken))
          .put(
              "instalments",
              new JsonObject()
                  .put("paid", instalmentsPaid)
                  .put("partly_paid", instalmentsPartly)
                  .put("missed", instalmentsMissed))
          .put("followed_up", new JsonArray(new ArrayList<>(followedUp)))
          .put("to_person", new JsonArray(new ArrayList<>(toPerson)))
          .put("reminded", new JsonArray(reminded))
          .put("reminders_refused", new JsonArray(reminderRefusals));
    }
  }

  /** Evaluates as of now (today in UTC). */
  public Evaluation evaluate() {
    Instant now = clock.instant();
    return evaluate(LocalDate.ofInstant(now, ZoneOffset.UTC), now);
  }

  public Evaluation evaluate(LocalDate today, Instant now) {
    int[] p = new int[3];
    int[] i = new int[3];
    Set<String> brokenUnits = new LinkedHashSet<>();
    Set<String> missedUnits = new LinkedHashSet<>();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        // Judged the morning after the grace ends (the contact policy's promise-grace-days, the
        // same days it holds
        // off other contact): the day itself and the grace to pay, then the follow-up may start at
        // once.
        try (PreparedStatement ps =
            c.prepareStatement(
                """
            WITH judged AS (
              SELECT p.id, CASE WHEN paid >= p.amount THEN 'kept' WHEN paid > 0 THEN 'partly_kept' ELSE 'broken' END AS verdict
              FROM promises p, LATERAL (SELECT """
                    + PaymentApplier.PAID_SINCE_PROMISE
                    + """
               AS paid) s
              WHERE p.status = 'open' AND p.promised_for + ?::int < ?)
            UPDATE promises p SET status = j.verdict, resolved_at = ? FROM judged j, units u
            WHERE p.id = j.id AND u.id = p.unit_id RETURNING p.status, u.unit_code""")) {
          ps.setInt(1, campaigns.policy().rules().promiseGraceDays());
          ps.setDate(2, Date.valueOf(today));
          ps.setTimestamp(3, java.sql.Timestamp.from(now));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              switch (rs.getString(1)) {
                case "kept" -> p[0]++;
                case "partly_kept" -> p[1]++;
                default -> {
                  p[2]++;
                  brokenUnits.add(rs.getString(2));
                }
              }
            }
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                """
            UPDATE plan_instalments i SET resolved_at = ?,
                   status = CASE WHEN i.paid_amount >= i.amount THEN 'paid' WHEN i.paid_amount > 0 THEN 'partly_paid' ELSE 'missed' END
            FROM plans pl, units u
            WHERE pl.id = i.plan_id AND u.id = pl.unit_id AND pl.status IN ('proposed', 'active') AND i.status = 'due' AND i.due_date < ?
            RETURNING i.status, u.unit_code""")) {
          ps.setTimestamp(1, java.sql.Timestamp.from(now));
          ps.setDate(2, Date.valueOf(today));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              switch (rs.getString(1)) {
                case "paid" -> i[0]++;
                case "partly_paid" -> i[1]++;
                default -> {
                  i[2]++;
                  missedUnits.add(rs.getString(2));
                }
              }
            }
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot evaluate promises: " + e.getMessage(), e);
    }
    Set<String> toPerson = new LinkedHashSet<>();
    Set<String> judged = new LinkedHashSet<>(brokenUnits);
    judged.addAll(missedUnits);
    for (String unit : judged) if (brokenInARow(unit) && toPerson(unit, now)) toPerson.add(unit);
    Set<String> followedUp = new LinkedHashSet<>();
    for (String unit : brokenUnits) {
      if (toPerson.contains(unit) || hasPersonTask(unit)) continue;
      for (String campaign : campaigns.tasks().running()) campaigns.replan(campaign, unit);
      followedUp.add(unit);
    }
    List<String> reminded = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    remind(today, now, reminded, refused);
    return new Evaluation(
        p[0], p[1], p[2], i[0], i[1], i[2], followedUp, toPerson, reminded, refused);
  }

  /**
   * Whether the unit's last N judged commitments (promises and instalments, by date) were all
   * broken.
   */
  private boolean brokenInARow(String unit) {
    String sql =
        """
        SELECT bad FROM (
          SELECT p.promised_for AS due, p.id AS n, p.status = 'broken' AS bad FROM promises p JOIN units u ON u.id = p.unit_id
          WHERE u.unit_code = ? AND p.status IN ('kept', 'partly_kept', 'broken')
          UNION ALL
          SELECT i.due_date, i.seq, i.status = 'missed' FROM plan_instalments i JOIN plans pl ON pl.id = i.plan_id JOIN units u ON u.id = pl.unit_id
          WHERE u.unit_code = ? AND i.status IN ('paid', 'partly_paid', 'missed')
        ) x ORDER BY due DESC, n DESC LIMIT ?""";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, unit);
      ps.setString(2, unit);
      ps.setInt(3, rules.brokenInARow());
      int bad = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) if (rs.getBoolean(1)) bad++;
      }
      return bad == rules.brokenInARow();
    } catch (SQLException e) {
      throw new StoreException("cannot read " + unit + "'s promises: " + e.getMessage(), e);
    }
  }

  private boolean hasPersonTask(String unit) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT 1 FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = ? "
                    + "AND t.ladder_step = ? AND t.status IN ('pending', 'claimed', 'in_progress')")) {
      ps.setString(1, unit);
      ps.setString(2, TO_PERSON_STEP);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read " + unit + "'s tasks: " + e.getMessage(), e);
    }
  }

  /**
   * A call-back task for a person (handler human), due now; the bot's own pending contacts for the
   * account are cancelled so the person is the next voice it hears. Returns false when one is
   * already open.
   */
  private boolean toPerson(String unit, Instant now) {
    if (hasPersonTask(unit)) return false;
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        TaskStore.exec(
            c,
            "UPDATE contact_tasks SET status = 'cancelled', refusal_reason = 'TO_PERSON', updated_at = now() "
                + "WHERE unit_id = (SELECT id FROM units WHERE unit_code = ?) AND status = 'pending' AND handler = 'bot'",
            unit);
        TaskStore.exec(
            c,
            """
            INSERT INTO contact_tasks (unit_id, party_id, phone_id, channel, ladder_step, due_at, handler, e164)
            SELECT u.id, p.id, ph.id, 'voice', ?, ?, 'human', ph.e164 FROM units u
            LEFT JOIN parties p ON p.unit_id = u.id AND p.primary_contact
            LEFT JOIN phones ph ON ph.party_id = p.id AND ph.status = 'ok'
            WHERE u.unit_code = ? ORDER BY ph.id LIMIT 1""",
            TO_PERSON_STEP,
            java.sql.Timestamp.from(now),
            unit);
        TaskStore.audit(
            c,
            "payments",
            "promise.to_person",
            "unit",
            unit,
            new JsonObject()
                .put("unit", unit)
                .put("broken_in_a_row", rules.brokenInARow())
                .encode());
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot hand " + unit + " to a person: " + e.getMessage(), e);
    }
  }

  /**
   * Reminders for what falls due {@code remind-days-before} days from today, each through the
   * contact policy once.
   */
  private void remind(LocalDate today, Instant now, List<String> reminded, List<String> refused) {
    LocalDate due = today.plusDays(rules.remindDaysBefore());
    List<Reminder> list = new ArrayList<>();
    String sql =
        """
        SELECT 'promise', p.id::text, u.id, u.unit_code, p.party_id, p.amount, p.promised_for FROM promises p JOIN units u ON u.id = p.unit_id
        WHERE p.status = 'open' AND p.promised_for = ? AND p.reminded_at IS NULL
        UNION ALL
        SELECT 'instalment', i.plan_id || '/' || i.seq, u.id, u.unit_code, pl.party_id, i.amount - i.paid_amount, i.due_date
        FROM plan_instalments i JOIN plans pl ON pl.id = i.plan_id JOIN units u ON u.id = pl.unit_id
        WHERE pl.status IN ('proposed', 'active') AND i.status = 'due' AND i.due_date = ? AND i.reminded_at IS NULL AND i.paid_amount < i.amount""";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setDate(1, Date.valueOf(due));
      ps.setDate(2, Date.valueOf(due));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long party = rs.getLong(5);
          list.add(
              new Reminder(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.wasNull() ? null : party,
                  null,
                  null,
                  rs.getBigDecimal(6),
                  rs.getDate(7).toLocalDate()));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot list reminders: " + e.getMessage(), e);
    }
    for (Reminder r : list) {
      Optional<AccountSnapshot> a = campaigns.accounts().unit(r.unit(), null, now, today);
      if (a.isEmpty() || a.get().party().phone() == null) {
        refused.add(r.unit() + ": no contactable party");
        continue;
      }
      PolicyDecision d =
          campaigns.policy().explain(a.get().subject(), Channel.SMS, now, CampaignLimits.NONE);
      // The promise being reminded of is the one "in force": that block is about other contacts,
      // not this one.
      List<ReasonCode> reasons =
          d.reasons().stream().filter(x -> x != ReasonCode.PROMISE_IN_FORCE).toList();
      if (!reasons.isEmpty()) {
        refused.add(r.unit() + ": " + reasons);
        audit(
            "promise.reminder_refused",
            r,
            new JsonObject()
                .put("reasons", new JsonArray(reasons.stream().map(Enum::name).toList())));
        continue;
      }
      Reminder full =
          new Reminder(
              r.kind(),
              r.ref(),
              r.unitId(),
              r.unit(),
              r.partyId(),
              a.get().party().phone(),
              a.get().party().language(),
              r.amount(),
              r.due());
      if (!sender.send(full)) {
        refused.add(r.unit() + ": not sent");
        continue;
      }
      markReminded(r, now);
      reminded.add(r.unit());
    }
  }

  private void markReminded(Reminder r, Instant now) {
    try (Connection c = db.connection()) {
      if (r.kind().equals("promise")) {
        TaskStore.exec(
            c,
            "UPDATE promises SET reminded_at = ? WHERE id = ?",
            java.sql.Timestamp.from(now),
            Long.parseLong(r.ref()));
      } else {
        String[] k = r.ref().split("/");
        TaskStore.exec(
            c,
            "UPDATE plan_instalments SET reminded_at = ? WHERE plan_id = ? AND seq = ?",
            java.sql.Timestamp.from(now),
            Long.parseLong(k[0]),
            Integer.parseInt(k[1]));
      }
      TaskStore.audit(
          c,
          "payments",
          "promise.reminded",
          "unit",
          r.unit(),
          new JsonObject()
              .put("unit", r.unit())
              .put("kind", r.kind())
              .put("ref", r.ref())
              .put("due", r.due().toString())
              .encode());
    } catch (SQLException e) {
      throw new StoreException("cannot mark the reminder sent: " + e.getMessage(), e);
    }
  }

  private void audit(String action, Reminder r, JsonObject details) {
    try (Connection c = db.connection()) {
      TaskStore.audit(
          c,
          "payments",
          action,
          "unit",
          r.unit(),
          details.put("unit", r.unit()).put("kind", r.kind()).put("ref", r.ref()).encode());
    } catch (SQLException e) {
      throw new StoreException("cannot write the audit log: " + e.getMessage(), e);
    }
  }
}
