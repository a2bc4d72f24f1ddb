package com.duesline.campaign;

import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Posts a payment and, in the same transaction, cancels every pending or claimed contact for that
 * account in every campaign: nothing is dialed after the money arrives. A contact already in
 * progress cannot be recalled; the dialer re-checks the balance right before each contact.
 */
public final class PaymentPoster {
  private final Database db;

  public PaymentPoster(Database db) {
    this.db = db;
  }

  /** The result: tasks cancelled. */
  public record Posted(long paymentId, int cancelledTasks) {}

  public Posted post(String unit, BigDecimal amount, LocalDate paidOn, String ref) {
    if (amount.signum() <= 0)
      throw new InputRejectedException(
          "amount: must be more than 0, got " + amount.toPlainString());
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      long unitId;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id FROM units WHERE unit_code = ? FOR UPDATE")) {
        ps.setString(1, unit);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next())
            throw new InputRejectedException("unit: no unit '" + unit + "' in the ledger");
          unitId = rs.getLong(1);
        }
      }
      Posted posted = postLocked(c, unitId, unit, amount, paidOn, ref);
      c.commit();
      return posted;
    } catch (SQLException e) {
      throw new StoreException("cannot post the payment: " + e.getMessage(), e);
    }
  }

  /**
   * The same inside the caller's transaction, with the unit row already locked ({@code SELECT ...
   * FOR UPDATE}): inserts the payment, cancels the unit's pending and claimed tasks, writes the
   * audit record.
   */
  public static Posted postLocked(
      Connection c, long unitId, String unit, BigDecimal amount, LocalDate paidOn, String ref)
      throws SQLException {
    long id;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO payments(payment_ref, unit_id, amount, paid_on) VALUES (?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, ref);
      ps.setLong(2, unitId);
      ps.setBigDecimal(3, amount);
      ps.setDate(4, java.sql.Date.valueOf(paidOn));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState()))
        throw new InputRejectedException("ref: payment '" + ref + "' was already posted");
      throw e;
    }
    int cancelled =
        TaskStore.exec(
            c,
            "UPDATE contact_tasks SET status = 'cancelled', refusal_reason = 'PAID', lease_until = NULL, updated_at = now() "
                + "WHERE unit_id = ? AND status IN ('pending', 'claimed')",
            unitId);
    TaskStore.audit(
        c,
        "payments",
        "payment.posted",
        "unit",
        unit,
        "{\"payment\": "
            + id
            + ", \"amount\": \""
            + amount.toPlainString()
            + "\", \"cancelled_tasks\": "
            + cancelled
            + "}");
    return new Posted(id, cancelled);
  }
}
