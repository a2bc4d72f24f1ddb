package com.duesline.ledger;

import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.nio.file.Path;
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
  private static final String ACCOUNTS =
      """
      SELECT u.id, u.unit_code, u.commercial, p.id, p.full_name, p.language, ph.id, ph.e164, ph.status, ph.timezone, ph.language
      FROM units u
      LEFT JOIN LATERAL (
        SELECT * FROM parties p WHERE p.unit_id = u.id
        ORDER BY p.primary_contact DESC, (p.role = 'owner') DESC, p.id LIMIT 1) p ON true
      LEFT JOIN LATERAL (
        SELECT * FROM phones ph WHERE ph.party_id = p.id
        ORDER BY (ph.status = 'ok') DESC, ph.id LIMIT 1) ph ON true
      WHERE %s
      ORDER BY u.unit_code""";
  private static final String CHARGES =
      """
      SELECT c.unit_id, c.period, c.amount, c.due_date FROM charges c
      WHERE c.due_date <= ? AND %s""";
  private static final String PAYMENTS =
      """
      SELECT p.unit_id, p.amount, p.paid_on FROM payments p
      WHERE p.paid_on <= ? AND %s""";
  private static final String HOLDS =
      """
      SELECT h.unit_id, h.kind FROM holds h
      WHERE h.starts_at::date <= ? AND (h.ends_at IS NULL OR h.ends_at::date >= ?) AND %s""";

  /**
   * Which units a read covers: all, one by code, or some by id. Each gets its own SQL (no {@code ?
   * IS NULL OR ...}): a generic plan of that form scans every charge even for one unit.
   */
  private record Filter(String unitCode, Long[] ids) {
    static final Filter ALL = new Filter(null, null);

    String where(String unitIdColumn) {
      if (unitCode != null) return unitIdColumn + " = (SELECT id FROM units WHERE unit_code = ?)";
      return ids != null ? unitIdColumn + " = ANY(?)" : "true";
    }

    int bind(PreparedStatement ps, int at) throws SQLException {
      if (unitCode != null) ps.setString(at++, unitCode);
      else if (ids != null) ps.setArray(at++, ps.getConnection().createArrayOf("bigint", ids));
      return at;
    }
  }

  /** Beyond this many changed units, one whole read is as cheap as reading them by id. */
  private static final int INCREMENTAL_MAX = 1_000;

  /**
   * A cached view is rebuilt whole at least this often: change notes are pruned after a day, so one
   * not yet seen can never have been pruned.
   */
  private static final long FULL_EVERY_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(12);

  /** The ledger's change count and last change id (see V60's {@code ledger_changes}). */
  private static final String VERSION = "SELECT count(*), coalesce(max(id), 0) FROM ledger_changes";

  private final Database db;
  private final ArrearsCalculator calculator;
  private final Clock clock;

  /**
   * Null: every call reads the ledger. Else the last whole-ledger view, reused while the ledger is
   * unchanged.
   */
  private final Object cacheLock;

  private volatile Cached cached;

  /**
   * A whole-ledger view as of {@code asOf}, read when the ledger's version was {@code version} and
   * its change notes were {@code notes}; {@code index} is each unit id's position in {@code views};
   * {@code builtNanos} when it was last read whole.
   */
  private record Cached(
      LocalDate asOf,
      long builtNanos,
      List<Long> version,
      Set<Long> notes,
      List<AccountView> views,
      Map<Long, Integer> index) {
    boolean serves(LocalDate day) {
      return asOf.equals(day) && System.nanoTime() - builtNanos < FULL_EVERY_NANOS;
    }
  }

  /** With the built-in segmentation rules and today's date in UTC. */
  public ArrearsQuery(Database db) {
    this(db, SegmentationRules.builtIn(), Clock.systemUTC());
  }

  /** With the rules {@code ledger.rules} names (built-in when empty) and today's date in UTC. */
  public static ArrearsQuery fromConfig(Database db, DueslineConfig config) {
    return new ArrearsQuery(
        db,
        SegmentationRules.load(config.optional("ledger.rules").map(Path::of).orElse(null)),
        Clock.systemUTC());
  }

  public ArrearsQuery(Database db, SegmentationRules rules, Clock clock) {
    this(db, new ArrearsCalculator(rules), clock, null);
  }

  private ArrearsQuery(Database db, ArrearsCalculator calculator, Clock clock, Object cacheLock) {
    this.db = db;
    this.calculator = calculator;
    this.clock = clock;
    this.cacheLock = cacheLock;
  }

  /**
   * The same query, but {@link #all(LocalDate)} keeps its last result and returns it again while no
   * statement has changed units, parties, phones, charges, payments or holds (V90's triggers note
   * each one with the units it touched) and the date is the same; after a change it recomputes only
   * those units. The dashboard polls the whole ledger; recomputing 100,000 accounts per request
   * took seconds, checking the version takes a millisecond.
   */
  public ArrearsQuery cached() {
    return new ArrearsQuery(db, calculator, clock, new Object());
  }

  /** Today by this query's clock: the default as-of date. */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** Every account as of today, ordered by unit. */
  public List<AccountView> all() {
    return all(today());
  }

  /**
   * Every account as of {@code asOf}, ordered by unit. On a {@link #cached()} query, a view already
   * read for that day is brought up to date by recomputing only the units whose rows changed since
   * (V90's notes name them); an unchanged unit keeps the same {@link AccountView} instance, so
   * callers can tell what changed by identity.
   */
  public List<AccountView> all(LocalDate asOf) {
    if (cacheLock == null) return load(Filter.ALL, asOf);
    Cached hit = cached;
    if (hit != null && hit.serves(asOf) && hit.version.equals(version())) return hit.views;
    // One recomputation at a time: requests arriving meanwhile wait for it and reuse it.
    synchronized (cacheLock) {
      hit = cached;
      if (hit != null && hit.serves(asOf) && hit.version.equals(version())) return hit.views;
      prune();
      Cached fresh = readCached(asOf, hit != null && hit.serves(asOf) ? hit : null);
      cached = fresh;
      return fresh.views;
    }
  }

  /**
   * Drops change notes older than a day: the next version read sees the prune, so it costs nothing
   * extra.
   */
  private void prune() {
    try (Connection c = db.connection();
        var st = c.createStatement()) {
      st.executeUpdate("DELETE FROM ledger_changes WHERE at < now() - interval '1 day'");
    } catch (SQLException e) {
      throw new StoreException("cannot prune the ledger's change notes: " + e.getMessage(), e);
    }
  }

  private List<Long> version() {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(VERSION);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return List.of(rs.getLong(1), rs.getLong(2));
    } catch (SQLException e) {
      throw new StoreException("cannot read the ledger's version: " + e.getMessage(), e);
    }
  }

  /**
   * The ledger's version and change notes and the accounts, read in one snapshot so the version
   * describes exactly these rows: the whole ledger, or (given the last view) only the units named
   * by notes that view had not seen, merged into it.
   */
  private Cached readCached(LocalDate asOf, Cached last) {
    try (Connection c = db.connection()) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      c.setReadOnly(true);
      List<Long> version;
      try (PreparedStatement ps = c.prepareStatement(VERSION);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        version = List.of(rs.getLong(1), rs.getLong(2));
      }
      Set<Long> notes = new HashSet<>();
      Set<Long> units = new HashSet<>();
      boolean whole = last == null;
      try (PreparedStatement ps = c.prepareStatement("SELECT id, unit_id FROM ledger_changes");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long note = rs.getLong(1);
          notes.add(note);
          if (whole || last.notes.contains(note)) continue;
          long unit = rs.getLong(2);
          if (rs.wasNull()) whole = true;
          else units.add(unit);
        }
      }
      whole |= units.size() > INCREMENTAL_MAX;
      List<AccountView> read =
          read(c, whole ? Filter.ALL : new Filter(null, units.toArray(Long[]::new)), asOf);
      c.commit();
      if (whole)
        return new Cached(
            asOf, System.nanoTime(), version, notes, List.copyOf(read), positions(read));
      return merge(last, version, notes, units, read);
    } catch (SQLException e) {
      throw new StoreException("cannot read the arrears view: " + e.getMessage(), e);
    }
  }

  /**
   * The last view with the recomputed units replaced (kept in place unless a unit appeared, went or
   * was renamed).
   */
  private static Cached merge(
      Cached last,
      List<Long> version,
      Set<Long> notes,
      Set<Long> units,
      List<AccountView> changed) {
    List<AccountView> views = new ArrayList<>(last.views);
    boolean reorder = false;
    Set<Long> present = new HashSet<>();
    for (AccountView v : changed) {
      present.add(v.unitId());
      Integer at = last.index.get(v.unitId());
      if (at == null || !views.get(at).unit().equals(v.unit())) reorder = true;
      else views.set(at, v);
    }
    for (Long u : units) if (!present.contains(u) && last.index.containsKey(u)) reorder = true;
    if (!reorder)
      return new Cached(
          last.asOf,
          last.builtNanos,
          version,
          notes,
          java.util.Collections.unmodifiableList(views),
          last.index);
    Map<Long, AccountView> byId = new HashMap<>();
    for (AccountView v : last.views) if (!units.contains(v.unitId())) byId.put(v.unitId(), v);
    for (AccountView v : changed) byId.put(v.unitId(), v);
    // The SQL orders by unit_code in the C collation: byte order, which String order matches for
    // these codes.
    List<AccountView> sorted =
        byId.values().stream().sorted(java.util.Comparator.comparing(AccountView::unit)).toList();
    return new Cached(last.asOf, last.builtNanos, version, notes, sorted, positions(sorted));
  }

  private static Map<Long, Integer> positions(List<AccountView> views) {
    Map<Long, Integer> index = new HashMap<>(views.size() * 2);
    for (int i = 0; i < views.size(); i++) index.put(views.get(i).unitId(), i);
    return index;
  }

  /** One unit as of today, if it exists. */
  public Optional<AccountView> unit(String unitCode) {
    return unit(unitCode, today());
  }

  /** One unit as of {@code asOf}, if it exists. */
  public Optional<AccountView> unit(String unitCode, LocalDate asOf) {
    return load(new Filter(unitCode, null), asOf).stream().findFirst();
  }

  private List<AccountView> load(Filter unit, LocalDate asOf) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false); // lets the driver stream with a fetch size
      c.setReadOnly(true);
      List<AccountView> views = read(c, unit, asOf);
      c.commit();
      return views;
    } catch (SQLException e) {
      throw new StoreException("cannot read the arrears view: " + e.getMessage(), e);
    }
  }

  private List<AccountView> read(Connection c, Filter unit, LocalDate asOf) throws SQLException {
    {
      Map<Long, List<AccountFacts.ChargeFact>> charges = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(CHARGES.formatted(unit.where("c.unit_id")))) {
        ps.setFetchSize(10_000);
        ps.setDate(1, Date.valueOf(asOf));
        unit.bind(ps, 2);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            charges
                .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(
                    new AccountFacts.ChargeFact(
                        rs.getString(2), rs.getBigDecimal(3), rs.getDate(4).toLocalDate()));
          }
        }
      }
      Map<Long, List<AccountFacts.PaymentFact>> payments = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(PAYMENTS.formatted(unit.where("p.unit_id")))) {
        ps.setFetchSize(10_000);
        ps.setDate(1, Date.valueOf(asOf));
        unit.bind(ps, 2);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            payments
                .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(
                    new AccountFacts.PaymentFact(rs.getBigDecimal(2), rs.getDate(3).toLocalDate()));
          }
        }
      }
      Map<Long, Set<String>> holds = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(HOLDS.formatted(unit.where("h.unit_id")))) {
        ps.setDate(1, Date.valueOf(asOf));
        ps.setDate(2, Date.valueOf(asOf));
        unit.bind(ps, 3);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next())
            holds.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
        }
      }
      List<AccountView> views = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(ACCOUNTS.formatted(unit.where("u.id")))) {
        ps.setFetchSize(10_000);
        unit.bind(ps, 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            Long partyId = (Long) rs.getObject(4);
            Long phoneId = (Long) rs.getObject(7);
            String language = rs.getString(11) != null ? rs.getString(11) : rs.getString(6);
            AccountFacts facts =
                new AccountFacts(
                    id,
                    rs.getString(2),
                    rs.getBoolean(3),
                    partyId,
                    rs.getString(5),
                    phoneId,
                    rs.getString(8),
                    rs.getString(9),
                    rs.getString(10),
                    language,
                    charges.getOrDefault(id, List.of()),
                    payments.getOrDefault(id, List.of()),
                    holds.getOrDefault(id, Set.of()));
            views.add(calculator.compute(facts, asOf));
          }
        }
      }
      return views;
    }
  }
}
