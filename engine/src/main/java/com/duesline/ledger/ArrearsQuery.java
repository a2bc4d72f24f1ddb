package com.duesline.ledger;

import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import java.nio.file.Path;
import com.duesline.store.StoreException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arrears view of the ledger: every account, or one unit, as of a date. Reads through JDBC
 * (blocking: call it from a worker, never an event loop) and applies {@link ArrearsCalculator}.
 *
 * <p>The contact for an account is its primary party (else the first owner, else the first party)
 * and that party's first phone whose status is ok (else its first phone).
 */
public final class ArrearsQuery {
  private static final String ACCOUNTS = """
      SELECT u.id, u.unit_code, u.commercial, p.id, p.full_name, p.language, ph.id, ph.e164, ph.status, ph.timezone, ph.language
      FROM units u
      LEFT JOIN LATERAL (
        SELECT * FROM parties p WHERE p.unit_id = u.id
        ORDER BY p.primary_contact DESC, (p.role = 'owner') DESC, p.id LIMIT 1) p ON true
      LEFT JOIN LATERAL (
        SELECT * FROM phones ph WHERE ph.party_id = p.id
        ORDER BY (ph.status = 'ok') DESC, ph.id LIMIT 1) ph ON true
      WHERE (?::text IS NULL OR u.unit_code = ?::text)
      ORDER BY u.unit_code""";
  private static final String CHARGES = """
      SELECT c.unit_id, c.period, c.amount, c.due_date FROM charges c JOIN units u ON u.id = c.unit_id
      WHERE c.due_date <= ? AND (?::text IS NULL OR u.unit_code = ?::text)""";
  private static final String PAYMENTS = """
      SELECT p.unit_id, p.amount, p.paid_on FROM payments p JOIN units u ON u.id = p.unit_id
      WHERE p.paid_on <= ? AND (?::text IS NULL OR u.unit_code = ?::text)""";
  private static final String HOLDS = """
      SELECT h.unit_id, h.kind FROM holds h JOIN units u ON u.id = h.unit_id
      WHERE h.starts_at::date <= ? AND (h.ends_at IS NULL OR h.ends_at::date >= ?) AND (?::text IS NULL OR u.unit_code = ?::text)""";

  private final Database db;
  private final ArrearsCalculator calculator;
  private final Clock clock;

  /** With the built-in segmentation rules and today's date in UTC. */
  public ArrearsQuery(Database db) {
    this(db, SegmentationRules.builtIn(), Clock.systemUTC());
  }

  /** With the rules {@code ledger.rules} names (built-in when empty) and today's date in UTC. */
  public static ArrearsQuery fromConfig(Database db, DueslineConfig config) {
    return new ArrearsQuery(db, SegmentationRules.load(config.optional("ledger.rules").map(Path::of).orElse(null)), Clock.systemUTC());
  }

  public ArrearsQuery(Database db, SegmentationRules rules, Clock clock) {
    this.db = db;
    this.calculator = new ArrearsCalculator(rules);
    this.clock = clock;
  }

  /** Today by this query's clock: the default as-of date. */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** Every account as of today, ordered by unit. */
  public List<AccountView> all() {
    return all(today());
  }

  /** Every account as of {@code asOf}, ordered by unit. */
  public List<AccountView> all(LocalDate asOf) {
    return load(null, asOf);
  }

  /** One unit as of today, if it exists. */
  public Optional<AccountView> unit(String unitCode) {
    return unit(unitCode, today());
  }

  /** One unit as of {@code asOf}, if it exists. */
  public Optional<AccountView> unit(String unitCode, LocalDate asOf) {
    return load(unitCode, asOf).stream().findFirst();
  }

  private List<AccountView> load(String unit, LocalDate asOf) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false); // lets the driver stream with a fetch size
      c.setReadOnly(true);
      Map<Long, List<AccountFacts.ChargeFact>> charges = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(CHARGES)) {
        ps.setFetchSize(10_000);
        ps.setDate(1, Date.valueOf(asOf));
        ps.setString(2, unit);
        ps.setString(3, unit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            charges.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(new AccountFacts.ChargeFact(rs.getString(2), rs.getBigDecimal(3), rs.getDate(4).toLocalDate()));
          }
        }
      }
      Map<Long, List<AccountFacts.PaymentFact>> payments = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(PAYMENTS)) {
        ps.setFetchSize(10_000);
        ps.setDate(1, Date.valueOf(asOf));
        ps.setString(2, unit);
        ps.setString(3, unit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            payments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(new AccountFacts.PaymentFact(rs.getBigDecimal(2), rs.getDate(3).toLocalDate()));
          }
        }
      }
      Map<Long, Set<String>> holds = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(HOLDS)) {
        ps.setDate(1, Date.valueOf(asOf));
        ps.setDate(2, Date.valueOf(asOf));
        ps.setString(3, unit);
        ps.setString(4, unit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) holds.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
        }
      }
      List<AccountView> views = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(ACCOUNTS)) {
        ps.setFetchSize(10_000);
        ps.setString(1, unit);
        ps.setString(2, unit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            Long partyId = (Long) rs.getObject(4);
            Long phoneId = (Long) rs.getObject(7);
            String language = rs.getString(11) != null ? rs.getString(11) : rs.getString(6);
            AccountFacts facts = new AccountFacts(id, rs.getString(2), rs.getBoolean(3), partyId, rs.getString(5), phoneId,
                rs.getString(8), rs.getString(9), rs.getString(10), language,
                charges.getOrDefault(id, List.of()), payments.getOrDefault(id, List.of()), holds.getOrDefault(id, Set.of()));
            views.add(calculator.compute(facts, asOf));
          }
        }
      }
      c.commit();
      return views;
    } catch (SQLException e) {
      throw new StoreException("cannot read the arrears view: " + e.getMessage(), e);
    }
  }
}
