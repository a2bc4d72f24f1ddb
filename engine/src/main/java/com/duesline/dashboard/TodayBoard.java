package com.duesline.dashboard;

import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One day at a glance, in the dashboard's time zone: contacts and promises per hour, the year's
 * collection rate against the targets, turn latency p50/p95 per hour, the intent mix, and the A/B
 * result of every prompt with variants. Blocking JDBC: call it on a worker.
 */
public final class TodayBoard {
  private static final String CONTACTS =
      """
      SELECT extract(hour FROM a.started_at AT TIME ZONE ?)::int, count(*),
             count(*) FILTER (WHERE a.answered_at IS NOT NULL)
      FROM attempts a WHERE a.started_at >= ? AND a.started_at < ? AND a.disposition IS DISTINCT FROM 'carrier_error'
      GROUP BY 1""";
  private static final String PROMISES =
      """
      SELECT extract(hour FROM COALESCE(a.ended_at, p.created_at) AT TIME ZONE ?)::int, count(*), sum(p.amount)
      FROM promises p LEFT JOIN attempts a ON a.id = p.attempt_id
      WHERE COALESCE(a.ended_at, p.created_at) >= ? AND COALESCE(a.ended_at, p.created_at) < ?
      GROUP BY 1""";
  private static final String LATENCY =
      """
      SELECT extract(hour FROM t.at AT TIME ZONE ?)::int, count(*),
             percentile_cont(0.5) WITHIN GROUP (ORDER BY t.total_ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY t.total_ms)
      FROM turns t WHERE t.speaker = 'caller' AND t.total_ms IS NOT NULL AND t.at >= ? AND t.at < ?
      GROUP BY 1""";
  private static final String INTENTS =
      """
      SELECT COALESCE(t.intent, 'not understood'), count(*) FROM turns t
      WHERE t.speaker = 'caller' AND t.at >= ? AND t.at < ? GROUP BY 1 ORDER BY 2 DESC, 1""";
  private static final String PROMPT_VARIANTS =
      """
      SELECT t.scores->>'prompt_id', t.scores->>'variant', count(DISTINCT t.attempt_id),
             count(DISTINCT t.attempt_id) FILTER (WHERE EXISTS (SELECT 1 FROM promises p WHERE p.attempt_id = t.attempt_id))
      FROM turns t JOIN attempts a ON a.id = t.attempt_id
      WHERE t.speaker = 'bot' AND t.scores->>'prompt_id' IS NOT NULL AND COALESCE(t.scores->>'variant', '') <> ''
        AND a.started_at >= ? AND a.started_at < ?
      GROUP BY 1, 2 ORDER BY 1, 2""";
  private static final String TRACK_VARIANTS =
      """
      SELECT a.script_id, a.variant, count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM promises p WHERE p.attempt_id = a.id))
      FROM attempts a
      WHERE a.answered_at IS NOT NULL AND a.script_id IS NOT NULL AND COALESCE(a.variant, '') <> '' AND a.started_at >= ? AND a.started_at < ?
      GROUP BY 1, 2 ORDER BY 1, 2""";
  private static final String BILLED =
      """
      SELECT u.id, u.commercial, COALESCE(sum(c.amount), 0)
      FROM units u LEFT JOIN charges c ON c.unit_id = u.id AND c.due_date >= ? AND c.due_date <= ?
      WHERE %s GROUP BY u.id, u.commercial""";
  private static final String PAID_TODAY =
      "SELECT COALESCE(sum(amount), 0) FROM payments WHERE paid_on = ?";

  private final Database db;
  private final ArrearsQuery arrears;
  private final CollectionTargets targets;

  public TodayBoard(Database db, ArrearsQuery arrears, CollectionTargets targets) {
    this.db = db;
    this.arrears = arrears;
    this.targets = targets;
  }

  /**
   * The day {@code date} in {@code zone}; A/B results cover the {@code abDays} days ending that
   * day.
   */
  public JsonObject day(LocalDate date, ZoneId zone, int abDays) {
    Instant from = date.atStartOfDay(zone).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
    Instant abFrom = date.minusDays(abDays - 1L).atStartOfDay(zone).toInstant();
    JsonObject[] hours = new JsonObject[24];
    for (int h = 0; h < 24; h++) {
      hours[h] =
          new JsonObject()
              .put("hour", h)
              .put("contacts", 0L)
              .put("answered", 0L)
              .put("promises", 0L)
              .put("promised", BigDecimal.ZERO)
              .put("turns", 0L)
              .putNull("latency_p50_ms")
              .putNull("latency_p95_ms");
    }
    try (Connection c = db.connection()) {
      c.setReadOnly(true);
      String tz = zone.getId();
      Rows.query(
          c,
          CONTACTS,
          rs -> hours[rs.getInt(1)].put("contacts", rs.getLong(2)).put("answered", rs.getLong(3)),
          tz,
          ts(from),
          ts(to));
      Rows.query(
          c,
          PROMISES,
          rs ->
              hours[rs.getInt(1)]
                  .put("promises", rs.getLong(2))
                  .put("promised", rs.getBigDecimal(3)),
          tz,
          ts(from),
          ts(to));
      Rows.query(
          c,
          LATENCY,
          rs ->
              hours[rs.getInt(1)]
                  .put("turns", rs.getLong(2))
                  .put("latency_p50_ms", Math.round(rs.getDouble(3)))
                  .put("latency_p95_ms", Math.round(rs.getDouble(4))),
          tz,
          ts(from),
          ts(to));
      JsonArray intents = new JsonArray();
      Rows.query(
          c,
          INTENTS,
          rs ->
              intents.add(
                  new JsonObject().put("intent", rs.getString(1)).put("count", rs.getLong(2))),
          ts(from),
          ts(to));
      JsonArray ab = new JsonArray();
      abTests(c, PROMPT_VARIANTS, "prompt", abFrom, to, ab);
      abTests(c, TRACK_VARIANTS, "track", abFrom, to, ab);
      JsonObject collection = collection(c, date);
      JsonArray hourArray = new JsonArray();
      for (JsonObject h : hours) hourArray.add(h);
      return new JsonObject()
          .put("date", date.toString())
          .put("zone", tz)
          .put("hours", hourArray)
          .put("collection", collection)
          .put("intents", intents)
          .put(
              "ab",
              new JsonObject()
                  .put("from", date.minusDays(abDays - 1L).toString())
                  .put("to", date.toString())
                  .put("confidence", 0.95)
                  .put("tests", ab));
    } catch (SQLException e) {
      throw new StoreException("cannot read today's figures: " + e.getMessage(), e);
    }
  }

  /**
   * The year's collection rate by kind: of the fees billed from 1 January to {@code date}, the
   * share paid. Payments settle the oldest charges first (the ledger's rule), so what is still owed
   * on this year's charges is the smaller of the account's balance and this year's billing.
   */
  /** This year's billing of one unit. */
  private record Billed(boolean commercial, BigDecimal amount) {}

  /**
   * The year's billed and still-owed sums and account counts, residential [0] and commercial [1].
   */
  private record Totals(BigDecimal[] billed, BigDecimal[] owed, int[] accounts) {
    static Totals zero() {
      return new Totals(
          new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO},
          new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO},
          new int[2]);
    }

    Totals copy() {
      return new Totals(billed.clone(), owed.clone(), accounts.clone());
    }

    /**
     * Adds ({@code sign} 1) or takes away (-1) one account: its year's billing, and what is still
     * owed on it, the smaller of its balance and that billing (payments settle the oldest charges
     * first).
     */
    void count(AccountView v, Billed b, int sign) {
      if (b == null || b.amount().signum() == 0) return;
      int k = b.commercial() ? 1 : 0;
      BigDecimal owes = v.balance().max(BigDecimal.ZERO).min(b.amount());
      billed[k] = sign > 0 ? billed[k].add(b.amount()) : billed[k].subtract(b.amount());
      owed[k] = sign > 0 ? owed[k].add(owes) : owed[k].subtract(owes);
      accounts[k] += sign;
    }
  }

  /**
   * The collection rate of {@code date}, from {@code views} (the arrears view it was computed on),
   * each unit's billing and the totals.
   */
  private record Collected(
      LocalDate date,
      List<AccountView> views,
      Map<Long, Billed> billed,
      Totals totals,
      JsonObject json) {}

  private volatile Collected lastCollection;
  private final Object collectionLock = new Object();

  /**
   * The year's collection rate, brought up to date from the last one: the cached arrears view keeps
   * an unchanged unit's {@link AccountView} instance, so only units whose instance changed have
   * their year of charges summed again and their share of the totals replaced (on the 100,000-unit
   * estate summing all of them took seconds, adding up 100,000 accounts a hundred milliseconds).
   */
  private JsonObject collection(Connection c, LocalDate date) throws SQLException {
    List<AccountView> views = arrears.all(date);
    Collected last = lastCollection;
    if (last != null && last.date().equals(date) && last.views() == views)
      return last.json().copy();
    synchronized (collectionLock) {
      last = lastCollection;
      if (last != null && last.date().equals(date) && last.views() == views)
        return last.json().copy();
      Collected next =
          last != null && last.date().equals(date) ? updated(c, date, last, views) : null;
      if (next == null) {
        Map<Long, Billed> billed = new HashMap<>();
        billed(c, date, null, billed);
        Totals totals = Totals.zero();
        for (AccountView v : views) totals.count(v, billed.get(v.unitId()), 1);
        next = new Collected(date, views, billed, totals, collectionJson(c, date, totals));
      }
      lastCollection = next;
      return next.json().copy();
    }
  }

  /**
   * The last collection with the changed units' billing and share replaced; null when units came or
   * went (sum them all).
   */
  private Collected updated(Connection c, LocalDate date, Collected last, List<AccountView> views)
      throws SQLException {
    if (last.views().size() != views.size()) return null;
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      AccountView was = last.views().get(i);
      AccountView now = views.get(i);
      if (was == now) continue;
      if (was.unitId() != now.unitId() || changed.size() >= 1_000) return null;
      changed.add(i);
    }
    // The map is this board's own and only touched under collectionLock: updated in place, not
    // copied.
    Map<Long, Billed> billed = last.billed();
    Totals totals = last.totals().copy();
    List<Long> ids = new ArrayList<>();
    for (int i : changed) {
      long id = views.get(i).unitId();
      totals.count(last.views().get(i), billed.remove(id), -1);
      ids.add(id);
    }
    billed(c, date, ids, billed);
    for (int i : changed) totals.count(views.get(i), billed.get(views.get(i).unitId()), 1);
    return new Collected(date, views, billed, totals, collectionJson(c, date, totals));
  }

  /** Sums this year's charges per unit (of {@code units}, or all when null) into {@code out}. */
  private static void billed(Connection c, LocalDate date, List<Long> units, Map<Long, Billed> out)
      throws SQLException {
    java.sql.Date since = java.sql.Date.valueOf(date.withDayOfYear(1));
    java.sql.Date to = java.sql.Date.valueOf(date);
    if (units == null) {
      Rows.query(
          c,
          BILLED.formatted("true"),
          rs -> out.put(rs.getLong(1), new Billed(rs.getBoolean(2), rs.getBigDecimal(3))),
          since,
          to);
    } else if (!units.isEmpty()) {
      Rows.query(
          c,
          BILLED.formatted("u.id = ANY(?)"),
          rs -> out.put(rs.getLong(1), new Billed(rs.getBoolean(2), rs.getBigDecimal(3))),
          since,
          to,
          c.createArrayOf("bigint", units.toArray()));
    }
  }

  /**
   * The year's collection rate by kind: of the fees billed from 1 January to {@code date}, the
   * share paid, from the totals.
   */
  private JsonObject collectionJson(Connection c, LocalDate date, Totals totals)
      throws SQLException {
    LocalDate since = date.withDayOfYear(1);
    BigDecimal[] billed = totals.billed();
    BigDecimal[] owed = totals.owed();
    int[] accounts = totals.accounts();
    BigDecimal[] paidToday = {BigDecimal.ZERO};
    Rows.query(
        c, PAID_TODAY, rs -> paidToday[0] = rs.getBigDecimal(1), java.sql.Date.valueOf(date));
    JsonObject out =
        new JsonObject()
            .put("from", since.toString())
            .put("to", date.toString())
            .put("paid_today", paidToday[0]);
    for (int k = 0; k < 2; k++) {
      BigDecimal collected = billed[k].subtract(owed[k]);
      Double rate =
          billed[k].signum() == 0
              ? null
              : collected.divide(billed[k], 6, RoundingMode.HALF_UP).doubleValue();
      out.put(
          k == 0 ? "residential" : "commercial",
          new JsonObject()
              .put("accounts", accounts[k])
              .put("billed", billed[k])
              .put("collected", collected)
              .put("rate", rate)
              .put("target", targets.fraction(k == 1)));
    }
    return out;
  }

  private static void abTests(
      Connection c, String sql, String kind, Instant from, Instant to, JsonArray out)
      throws SQLException {
    Map<String, List<JsonObject>> byPrompt = new LinkedHashMap<>();
    Map<String, List<WilsonInterval>> intervals = new HashMap<>();
    Rows.query(
        c,
        sql,
        rs -> {
          WilsonInterval w = WilsonInterval.of(rs.getLong(4), rs.getLong(3));
          byPrompt
              .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(
                  new JsonObject()
                      .put("variant", rs.getString(2))
                      .put("contacts", w.trials())
                      .put("promises", w.successes())
                      .put("rate", w.rate())
                      .put("low", w.low())
                      .put("high", w.high()));
          intervals.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(w);
        },
        ts(from),
        ts(to));
    for (var e : byPrompt.entrySet()) {
      List<JsonObject> variants = e.getValue();
      if (variants.size() < 2) continue; // one wording is not an A/B test
      List<WilsonInterval> ws = intervals.get(e.getKey());
      int best = 0;
      for (int i = 1; i < ws.size(); i++) if (ws.get(i).rate() > ws.get(best).rate()) best = i;
      boolean clear = true;
      for (int i = 0; i < ws.size(); i++)
        if (i != best && ws.get(i).overlaps(ws.get(best))) clear = false;
      String leader = clear ? variants.get(best).getString("variant") : null;
      out.add(
          new JsonObject()
              .put("kind", kind)
              .put("name", e.getKey())
              .put("variants", new JsonArray(variants))
              .put("leader", leader)
              .put("verdict", clear ? "variant " + leader + " ahead" : "no clear leader"));
    }
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
