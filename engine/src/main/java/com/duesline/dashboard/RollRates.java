package com.duesline.dashboard;

import com.duesline.ledger.AccountView;
import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roll rates and cure rate, month over month, from the ledger itself: each account's aging bucket
 * at one month end against the next (the ledger recomputed as of each date). An account rolls
 * forward when its bucket gets worse, and is cured when it owed something at the first date and
 * nothing at the second. Given for the estate and for the accounts each campaign and variant worked
 * that month.
 */
public final class RollRates {
  private final Database db;
  private final ArrearsQuery arrears;

  public RollRates(Database db, ArrearsQuery arrears) {
    this.db = db;
    this.arrears = arrears;
  }

  /**
   * The {@code months} month-to-month periods ending at {@code asOf} (the last period ends on asOf
   * itself).
   */
  public JsonObject report(LocalDate asOf, int months) {
    List<LocalDate> ends = new ArrayList<>();
    YearMonth m = YearMonth.from(asOf).minusMonths(months);
    for (int i = 0; i < months; i++, m = m.plusMonths(1)) ends.add(m.atEndOfMonth());
    ends.add(asOf);
    List<Map<Long, AccountView>> states = new ArrayList<>();
    for (LocalDate d : ends) {
      Map<Long, AccountView> byUnit = new HashMap<>();
      for (AccountView v : arrears.all(d)) byUnit.put(v.unitId(), v);
      states.add(byUnit);
    }
    JsonArray periods = new JsonArray();
    try (Connection c = db.connection()) {
      for (int i = 1; i < ends.size(); i++) {
        LocalDate from = ends.get(i - 1);
        LocalDate to = ends.get(i);
        Map<String, Set<Long>> groups = new LinkedHashMap<>();
        groups.put("all", null);
        groups.putAll(DeskGroups.unitsWorked(c, from.plusDays(1), to));
        JsonArray out = new JsonArray();
        for (var g : groups.entrySet())
          out.add(period(g.getKey(), g.getValue(), states.get(i - 1), states.get(i)));
        periods.add(
            new JsonObject()
                .put("from", from.toString())
                .put("to", to.toString())
                .put("groups", out));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot compute roll rates: " + e.getMessage(), e);
    }
    JsonArray buckets = new JsonArray();
    for (AgingBucket b : AgingBucket.values()) buckets.add(b.label());
    return new JsonObject()
        .put("as_of", asOf.toString())
        .put("months", months)
        .put("buckets", buckets)
        .put("periods", periods);
  }

  private static JsonObject period(
      String group, Set<Long> units, Map<Long, AccountView> before, Map<Long, AccountView> after) {
    Map<AgingBucket, Map<AgingBucket, Integer>> matrix = new LinkedHashMap<>();
    int inArrears = 0;
    int cured = 0;
    for (var e : before.entrySet()) {
      if (units != null && !units.contains(e.getKey())) continue;
      AccountView a = e.getValue();
      AccountView b = after.get(e.getKey());
      if (b == null) continue;
      matrix
          .computeIfAbsent(a.bucket(), k -> new LinkedHashMap<>())
          .merge(b.bucket(), 1, Integer::sum);
      if (a.inArrears()) {
        inArrears++;
        if (!b.inArrears()) cured++;
      }
    }
    JsonObject transitions = new JsonObject();
    JsonObject rollForward = new JsonObject();
    for (AgingBucket from : AgingBucket.values()) {
      Map<AgingBucket, Integer> row = matrix.get(from);
      if (row == null) continue;
      JsonObject r = new JsonObject();
      int total = 0;
      int worse = 0;
      for (var x : row.entrySet()) {
        r.put(x.getKey().label(), x.getValue());
        total += x.getValue();
        if (x.getKey().ordinal() > from.ordinal()) worse += x.getValue();
      }
      transitions.put(from.label(), r);
      if (from != AgingBucket.D365_PLUS) rollForward.put(from.label(), rate(worse, total));
    }
    return new JsonObject()
        .put("group", group)
        .put("transitions", transitions)
        .put("roll_forward", rollForward)
        .put(
            "cure",
            new JsonObject()
                .put("in_arrears", inArrears)
                .put("cured", cured)
                .put("rate", rate(cured, inArrears)));
  }

  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(10000.0 * part / whole) / 10000.0;
  }
}
