package com.duesline.payments;

import com.duesline.campaign.PaymentPoster;
import com.duesline.campaign.TaskStore;
import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a provider's payment act at once, in one transaction: the event is remembered (a replay
 * changes nothing), the payment is posted under the provider's payment id (so it posts once), every
 * pending contact for the account is cancelled, the link is marked paid, open promises it now
 * covers are kept and it is set against the oldest instalments still due. Blocking JDBC: call from
 * a worker.
 */
public final class PaymentApplier {
  /**
   * What has been paid towards promise {@code p} since it was given: payments received on or after
   * its day and posted after it (a payment already in the ledger when the promise was made was not
   * for it).
   */
  static final String PAID_SINCE_PROMISE =
      "(SELECT coalesce(sum(y.amount), 0) FROM payments y WHERE y.unit_id = p.unit_id "
          + "AND y.paid_on >= p.created_at::date AND y.created_at >= p.created_at)";

  private final Database db;

  public PaymentApplier(Database db) {
    this.db = db;
  }

  /**
   * What applying did.
   *
   * @param replay true when the event or the payment had been applied before (nothing changed)
   */
  public record Applied(
      boolean replay,
      long paymentId,
      long unitId,
      String unit,
      BigDecimal amount,
      String provider,
      int cancelledTasks,
      List<Long> keptPromises,
      int instalmentsPaid) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("replay", replay)
          .put("payment", paymentId)
          .put("unit", unit)
          .put("amount", amount == null ? null : amount.toPlainString())
          .put("provider", provider)
          .put("cancelled_tasks", cancelledTasks)
          .put("kept_promises", new JsonArray(new ArrayList<>(keptPromises)))
          .put("instalments_paid", instalmentsPaid);
    }
  }

  /**
   * Records an event that carries no payment (another event type, an unpaid session), once; false
   * when seen before.
   */
  public boolean remember(String provider, String eventId, String type) {
    try (Connection c = db.connection()) {
      return rememberEvent(c, provider, eventId, type);
    } catch (SQLException e) {
      throw new StoreException("cannot record provider event: " + e.getMessage(), e);
    }
  }

  /** A declined charge, kept as evidence; the link stays open for another try. */
  public void declined(PayLink link, String code) {
    try (Connection c = db.connection()) {
      TaskStore.audit(
          c,
          "payments",
          "payment.declined",
          "unit",
          link.unit(),
          new JsonObject()
              .put("unit", link.unit())
              .put("link", link.id())
              .put("amount", link.amount().toPlainString())
              .put("declined", code)
              .encode());
    } catch (SQLException e) {
      throw new StoreException("cannot record the decline: " + e.getMessage(), e);
    }
  }

  /**
   * Applies a provider's payment (see the class comment); a replayed event or payment changes
   * nothing.
   */
  public Applied apply(ProviderPayment p) {
    if (p.amount() == null || p.amount().signum() <= 0)
      throw new InputRejectedException("amount: a payment must be more than 0");
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        if (p.eventId() != null && !rememberEvent(c, p.provider(), p.eventId(), p.eventType())) {
          c.rollback();
          return replay(p);
        }
        long unitId;
        String unit;
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT u.id, u.unit_code FROM pay_links l JOIN units u ON u.id = l.unit_id WHERE l.id = ? FOR UPDATE OF u, l")) {
          ps.setString(1, p.linkId());
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next())
              throw new InputRejectedException("link: no pay link '" + p.linkId() + "'");
            unitId = rs.getLong(1);
            unit = rs.getString(2);
          }
        }
        if (exists(c, p.ledgerRef())) {
          // The same payment through a second event (e.g. a retried delivery with a new event id):
          // the event is kept, nothing else.
          c.commit();
          return replay(p);
        }
        PaymentPoster.Posted posted =
            PaymentPoster.postLocked(c, unitId, unit, p.amount(), p.paidOn(), p.ledgerRef());
        TaskStore.exec(
            c,
            "UPDATE payments SET provider = ?, pay_link_id = ? WHERE id = ?",
            p.provider(),
            p.linkId(),
            posted.paymentId());
        TaskStore.exec(
            c,
            "UPDATE pay_links SET status = 'paid', paid_at = now(), provider = ?, payment_id = ? WHERE id = ? AND status = 'open'",
            p.provider(),
            posted.paymentId(),
            p.linkId());
        List<Long> kept = keepPromises(c, unitId);
        int instalments = settleInstalments(c, unitId, p.amount());
        TaskStore.audit(
            c,
            "payments",
            "payment.applied",
            "unit",
            unit,
            new JsonObject()
                .put("unit", unit)
                .put("provider", p.provider())
                .put("payment_ref", p.ledgerRef())
                .put("link", p.linkId())
                .put("event", p.eventId())
                .put("amount", p.amount().toPlainString())
                .put("kept_promises", new JsonArray(new ArrayList<>(kept)))
                .put("instalments_paid", instalments)
                .encode());
        c.commit();
        return new Applied(
            false,
            posted.paymentId(),
            unitId,
            unit,
            p.amount(),
            p.provider(),
            posted.cancelledTasks(),
            kept,
            instalments);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot apply the payment: " + e.getMessage(), e);
    }
  }

  private static Applied replay(ProviderPayment p) {
    return new Applied(true, 0, 0, null, p.amount(), p.provider(), 0, List.of(), 0);
  }

  private static boolean rememberEvent(Connection c, String provider, String eventId, String type)
      throws SQLException {
    return TaskStore.exec(
            c,
            "INSERT INTO provider_events (provider, event_id, type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            provider,
            eventId,
            type == null ? "" : type)
        == 1;
  }

  private static boolean exists(Connection c, String ref) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM payments WHERE payment_ref = ?")) {
      ps.setString(1, ref);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Open promises the payments made since each was given now cover: kept at once. */
  private static List<Long> keepPromises(Connection c, long unitId) throws SQLException {
    List<Long> kept = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        UPDATE promises p SET status = 'kept', resolved_at = now()
        WHERE p.unit_id = ? AND p.status = 'open'
          AND """
                + PAID_SINCE_PROMISE
                + """
         >= p.amount
        RETURNING p.id""")) {
      ps.setLong(1, unitId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) kept.add(rs.getLong(1));
      }
    }
    return kept;
  }

  /**
   * Sets the amount against the live plans' instalments still due, oldest first; returns how many
   * are now paid in full.
   */
  private static int settleInstalments(Connection c, long unitId, BigDecimal amount)
      throws SQLException {
    BigDecimal left = amount;
    int paid = 0;
    List<Object[]> due = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.plan_id, i.seq, i.amount - i.paid_amount FROM plan_instalments i JOIN plans p ON p.id = i.plan_id "
                + "WHERE p.unit_id = ? AND p.status IN ('proposed', 'active') AND i.status IN ('due', 'partly_paid', 'missed') AND i.paid_amount < i.amount "
                + "ORDER BY i.due_date, i.seq FOR UPDATE OF i")) {
      ps.setLong(1, unitId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) due.add(new Object[] {rs.getLong(1), rs.getInt(2), rs.getBigDecimal(3)});
      }
    }
    for (Object[] i : due) {
      if (left.signum() <= 0) break;
      BigDecimal open = (BigDecimal) i[2];
      BigDecimal take = left.min(open);
      left = left.subtract(take);
      boolean full = take.compareTo(open) == 0;
      if (full) paid++;
      // An instalment already judged (missed, partly paid) keeps its verdict: paying late is
      // recorded, not rewritten.
      TaskStore.exec(
          c,
          "UPDATE plan_instalments SET paid_amount = paid_amount + ?, status = CASE WHEN status = 'due' AND ? THEN 'paid' ELSE status END, "
              + "resolved_at = CASE WHEN status = 'due' AND ? THEN now() ELSE resolved_at END WHERE plan_id = ? AND seq = ?",
          take,
          full,
          full,
          i[0],
          i[1]);
    }
    TaskStore.exec(
        c,
        "UPDATE plans p SET status = 'completed', updated_at = now() WHERE p.unit_id = ? AND p.status IN ('proposed', 'active') "
            + "AND NOT EXISTS (SELECT 1 FROM plan_instalments i WHERE i.plan_id = p.id AND i.paid_amount < i.amount)",
        unitId);
    return paid;
  }
}
