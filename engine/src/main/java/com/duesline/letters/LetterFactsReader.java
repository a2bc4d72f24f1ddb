package com.duesline.letters;

import com.duesline.dashboard.Rows;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.payments.PayLinkIssuer;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads what a letter states from the store: the ledger's arrears view of the unit, the charges and
 * payments since the itemisation date (the oldest unpaid charge's due date), and the recipient: the
 * attorney on record if there is one, else the owner, by e-mail only when they consented to
 * e-delivery; and a signed pay link for the balance (issued here, so every letter's link opens the
 * checkout page). Blocking JDBC: call it from a worker or the CLI.
 */
public final class LetterFactsReader {
  private final Database db;
  private final ArrearsQuery arrears;
  private final PayLinkIssuer payLinks;
  private final LetterSettings settings;

  public LetterFactsReader(
      Database db, ArrearsQuery arrears, PayLinkIssuer payLinks, LetterSettings settings) {
    this.db = db;
    this.arrears = arrears;
    this.payLinks = payLinks;
    this.settings = settings;
  }

  /** The facts for {@code unit} on {@code asOf}; refused when the unit or its owner is unknown. */
  public LetterFacts read(String unit, LocalDate asOf) {
    AccountView v =
        arrears
            .unit(unit, asOf)
            .orElseThrow(() -> new NoSuchElementException("unit: no unit '" + unit + "'"));
    if (v.partyId() == null)
      throw new NoSuchElementException("unit: '" + unit + "' has no owner or tenant to write to");
    LocalDate itemisation = v.oldestUnpaidDue() != null ? v.oldestUnpaidDue() : asOf;
    try (Connection c = db.connection()) {
      c.setReadOnly(true);
      List<LineItem> items = new ArrayList<>();
      Rows.query(
          c,
          "SELECT due_date, kind, period, amount FROM charges WHERE unit_id = ? AND due_date >= ? AND due_date <= ? ORDER BY due_date, id",
          rs ->
              items.add(
                  new LineItem(
                      rs.getDate(1).toLocalDate(),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getBigDecimal(4),
                      null)),
          v.unitId(),
          Date.valueOf(itemisation),
          Date.valueOf(asOf));
      Rows.query(
          c,
          "SELECT paid_on, amount FROM payments WHERE unit_id = ? AND paid_on >= ? AND paid_on <= ? ORDER BY paid_on, id",
          rs ->
              items.add(
                  new LineItem(
                      rs.getDate(1).toLocalDate(), "payment", null, null, rs.getBigDecimal(2))),
          v.unitId(),
          Date.valueOf(itemisation),
          Date.valueOf(asOf));
      items.sort(Comparator.comparing(LineItem::date).thenComparing(LineItem::isPayment));
      BigDecimal charged =
          items.stream()
              .filter(i -> i.charge() != null)
              .map(LineItem::charge)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal paid =
          items.stream()
              .filter(i -> i.payment() != null)
              .map(LineItem::payment)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal opening = v.balance().subtract(charged).add(paid);
      return new LetterFacts(
          v.unitId(),
          v.unit(),
          v.partyId(),
          v.party(),
          v.language(),
          recipient(c, v),
          asOf,
          itemisation,
          opening,
          items,
          v.balance(),
          v.oldestUnpaidDue(),
          Math.max(0, v.daysPastDue()),
          v.unpaidPeriods(),
          payLinks.url(v.unitId(), v.balance().signum() > 0 ? v.balance() : null, "letter"));
    } catch (SQLException e) {
      throw new StoreException(
          "cannot read the letter facts of " + unit + ": " + e.getMessage(), e);
    }
  }

  /**
   * The attorney on record receives the letter instead of the owner; the owner gets it by e-mail
   * only with consent.
   */
  private Recipient recipient(Connection c, AccountView v) throws SQLException {
    Recipient[] attorney = new Recipient[1];
    Rows.query(
        c,
        "SELECT name, firm, mailing_address, email FROM attorneys WHERE unit_id = ? AND ended_at IS NULL ORDER BY recorded_at DESC, id DESC LIMIT 1",
        rs ->
            attorney[0] =
                new Recipient(
                    Recipient.Kind.ATTORNEY,
                    rs.getString(2) == null
                        ? rs.getString(1)
                        : rs.getString(1) + ", " + rs.getString(2),
                    rs.getString(3),
                    rs.getString(4)),
        v.unitId());
    if (attorney[0] != null) return attorney[0];
    String[] contact = new String[2];
    Rows.query(
        c,
        "SELECT email, mailing_address FROM parties WHERE id = ?",
        rs -> {
          contact[0] = rs.getString(1);
          contact[1] = rs.getString(2);
        },
        v.partyId());
    // The latest word on e-mail wins: a consent to e-delivery, or an opt-out from e-mail (or from
    // everything).
    String[] last = new String[1];
    Rows.query(
        c,
        "SELECT kind FROM consents WHERE party_id = ? AND channel IN ('email', 'all') AND revoked_at IS NULL "
            + "AND (channel = 'email' OR kind = 'opt_out') ORDER BY recorded_at DESC, id DESC LIMIT 1",
        rs -> last[0] = rs.getString(1),
        v.partyId());
    boolean consented = "consent".equals(last[0]);
    String postal =
        contact[1] != null && !contact[1].isBlank()
            ? contact[1]
            : ("zh".equals(v.language()) ? v.unit() + " 单元\n" : "Unit " + v.unit() + "\n")
                + settings.propertyAddress();
    return new Recipient(Recipient.Kind.OWNER, v.party(), postal, consented ? contact[0] : null);
  }
}
