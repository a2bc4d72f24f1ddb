package com.duesline.payments;

import com.duesline.cli.InputRejectedException;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Issues and opens pay links. A link is a row (unit, amount, expiry, status) plus a URL whose token
 * carries the row's id, the expiry and an HMAC of both with the unit and amount: a guessed, altered
 * or expired link opens nothing, and a paid one is not paid again. Blocking JDBC: call from a
 * worker.
 */
public final class PayLinks implements PayLinkIssuer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Database db;
  private final LinkSigner signer;
  private final String baseUrl;
  private final Duration validFor;
  private final Clock clock;

  public PayLinks(Database db, LinkSigner signer, String baseUrl, Duration validFor, Clock clock) {
    this.db = db;
    this.signer = signer;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.validFor = validFor;
    this.clock = clock;
  }

  /** Why a link does not open: unknown or tampered, expired, already paid. */
  public enum Refusal {
    INVALID,
    EXPIRED,
    PAID
  }

  /** A link opened from its token, or why not. */
  public record Opened(PayLink link, Refusal refusal) {
    public boolean usable() {
      return refusal == null;
    }
  }

  @Override
  public String url(long unitId, BigDecimal amount, String purpose) {
    return issue(unitCode(unitId), amount, purpose).url();
  }

  /**
   * A new link for {@code unit}: for {@code amount}, or when null the amount due now (what is left
   * of the next instalment of a live plan, else of an open promise, else the balance).
   */
  public PayLink issue(String unit, BigDecimal amount, String purpose) {
    try (Connection c = db.connection()) {
      long unitId = unitId(c, unit);
      String why = purpose;
      if (amount == null) {
        Object[] due = amountDue(c, unitId, unit);
        amount = (BigDecimal) due[0];
        if (why == null) why = (String) due[1];
      }
      if (amount.signum() <= 0)
        throw new InputRejectedException(
            "amount: must be more than 0, got " + amount.toPlainString());
      if (amount.scale() > 2 && amount.stripTrailingZeros().scale() > 2) {
        throw new InputRejectedException(
            "amount: at most two decimals, got " + amount.toPlainString());
      }
      amount = amount.setScale(2, RoundingMode.UNNECESSARY);
      String id = randomId();
      Instant expires = clock.instant().plus(validFor).truncatedTo(ChronoUnit.SECONDS);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO pay_links (id, unit_id, amount, purpose, expires_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, id);
        ps.setLong(2, unitId);
        ps.setBigDecimal(3, amount);
        ps.setString(4, why == null ? "balance" : why);
        ps.setTimestamp(5, Timestamp.from(expires));
        ps.executeUpdate();
      }
      return link(id, unitId, unit, amount, why == null ? "balance" : why, expires, "open");
    } catch (SQLException e) {
      throw new StoreException("cannot issue a pay link: " + e.getMessage(), e);
    }
  }

  /** Opens a link from the token in its URL. */
  public Opened open(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 3) return new Opened(null, Refusal.INVALID);
    long expiry;
    try {
      expiry = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return new Opened(null, Refusal.INVALID);
    }
    Optional<PayLink> row = byId(parts[0]);
    if (row.isEmpty()) return new Opened(null, Refusal.INVALID);
    PayLink l = row.get();
    if (l.expires().getEpochSecond() != expiry
        || !signer.verifies(parts[2], l.id(), l.unit(), l.amount().toPlainString(), expiry)) {
      return new Opened(null, Refusal.INVALID);
    }
    if (l.paid()) return new Opened(l, Refusal.PAID);
    if (!clock.instant().isBefore(l.expires())) return new Opened(l, Refusal.EXPIRED);
    return new Opened(l, null);
  }

  /** The link with this id (the provider's reference), whatever its state. */
  public Optional<PayLink> byId(String id) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT l.id, l.unit_id, u.unit_code, l.amount, l.purpose, l.expires_at, l.status "
                    + "FROM pay_links l JOIN units u ON u.id = l.unit_id WHERE l.id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(
            link(
                rs.getString(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getBigDecimal(4),
                rs.getString(5),
                rs.getTimestamp(6).toInstant(),
                rs.getString(7)));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read pay link: " + e.getMessage(), e);
    }
  }

  private PayLink link(
      String id,
      long unitId,
      String unit,
      BigDecimal amount,
      String purpose,
      Instant expires,
      String status) {
    long exp = expires.getEpochSecond();
    String token = id + "." + exp + "." + signer.sign(id, unit, amount.toPlainString(), exp);
    return new PayLink(
        id, unitId, unit, amount, purpose, expires, status, token, baseUrl + "/pay/" + token);
  }

  /** {amount, purpose}: the next instalment's rest, else an open promise's, else the balance. */
  private Object[] amountDue(Connection c, long unitId, String unit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.amount - i.paid_amount FROM plan_instalments i JOIN plans p ON p.id = i.plan_id "
                + "WHERE p.unit_id = ? AND p.status IN ('proposed', 'active') AND i.status = 'due' ORDER BY i.due_date, i.seq LIMIT 1")) {
      ps.setLong(1, unitId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getBigDecimal(1).signum() > 0)
          return new Object[] {rs.getBigDecimal(1), "instalment"};
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT amount FROM promises WHERE unit_id = ? AND status = 'open' ORDER BY promised_for, id LIMIT 1")) {
      ps.setLong(1, unitId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) return new Object[] {rs.getBigDecimal(1), "promise"};
      }
    }
    BigDecimal balance =
        new ArrearsQuery(db).unit(unit).map(a -> a.balance()).orElse(BigDecimal.ZERO);
    if (balance.signum() <= 0)
      throw new InputRejectedException(
          "amount: nothing is owed on " + unit + "; give the amount to ask for");
    return new Object[] {balance, "balance"};
  }

  private static long unitId(Connection c, String unit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM units WHERE unit_code = ?")) {
      ps.setString(1, unit);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next())
          throw new InputRejectedException("unit: no unit '" + unit + "' in the ledger");
        return rs.getLong(1);
      }
    }
  }

  private String unitCode(long unitId) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT unit_code FROM units WHERE id = ?")) {
      ps.setLong(1, unitId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) throw new InputRejectedException("unit: no unit with id " + unitId);
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read unit " + unitId + ": " + e.getMessage(), e);
    }
  }

  private static String randomId() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return "pl_"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(b)
            .replace('-', 'x')
            .replace('_', 'y');
  }
}
