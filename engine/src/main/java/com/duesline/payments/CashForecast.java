package com.duesline.payments;

import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Cash expected by week from what people said they would pay: open promises and instalments still
 * due (what is left of each), each weighted by its party's kept rate. The rate is smoothed towards
 * the rules' default ({@code (kept + ½·partly + prior·default) / (resolved + prior)}), so one
 * broken promise does not write a party off. Items already past their date and still open count in
 * the first week.
 */
public final class CashForecast {
  private final Database db;
  private final PlanRules rules;

  public CashForecast(Database db, PlanRules rules) {
    this.db = db;
    this.rules = rules;
  }

  /** One week: Monday it starts, how many items, what they add up to, what is expected of it. */
  public record Week(LocalDate start, int items, BigDecimal promised, BigDecimal expected) {}

  /** The weeks from the one holding {@code today}. */
  public record Forecast(LocalDate asOf, double defaultKeptRate, List<Week> weeks) {
    public BigDecimal promised() {
      return weeks.stream().map(Week::promised).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal expected() {
      return weeks.stream().map(Week::expected).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public JsonObject toJson() {
      JsonArray w = new JsonArray();
      for (Week k : weeks) {
        w.add(
            new JsonObject()
                .put("week_start", k.start().toString())
                .put("items", k.items())
                .put("promised", k.promised().toPlainString())
                .put("expected", k.expected().toPlainString()));
      }
      return new JsonObject()
          .put("as_of", asOf.toString())
          .put("default_kept_rate", defaultKeptRate)
          .put("weeks", w)
          .put("promised", promised().toPlainString())
          .put("expected", expected().toPlainString());
    }
  }

  /** Open items with their party's smoothed kept rate. */
  private static final String ITEMS =
      """
      WITH items AS (
        SELECT p.unit_id, p.party_id, p.promised_for AS due,
               p.amount - LEAST(p.amount, """
          + PaymentApplier.PAID_SINCE_PROMISE
          + """
      ) AS open
        FROM promises p WHERE p.status = 'open'
        UNION ALL
        SELECT pl.unit_id, pl.party_id, i.due_date, i.amount - i.paid_amount
        FROM plan_instalments i JOIN plans pl ON pl.id = i.plan_id
        WHERE pl.status IN ('proposed', 'active') AND i.status = 'due' AND i.paid_amount < i.amount
      ), record AS (
        SELECT coalesce(p.party_id, -p.unit_id) AS who,
               count(*) FILTER (WHERE p.status = 'kept') AS kept, count(*) FILTER (WHERE p.status = 'partly_kept') AS partly,
               count(*) FILTER (WHERE p.status IN ('kept', 'partly_kept', 'broken')) AS resolved
        FROM promises p GROUP BY 1
        UNION ALL
        SELECT coalesce(pl.party_id, -pl.unit_id),
               count(*) FILTER (WHERE i.status = 'paid'), count(*) FILTER (WHERE i.status = 'partly_paid'),
               count(*) FILTER (WHERE i.status IN ('paid', 'partly_paid', 'missed'))
        FROM plan_instalments i JOIN plans pl ON pl.id = i.plan_id WHERE i.resolved_at IS NOT NULL OR i.status <> 'due' GROUP BY 1
      ), rates AS (
        SELECT who, sum(kept) AS kept, sum(partly) AS partly, sum(resolved) AS resolved FROM record GROUP BY who
      )
      SELECT greatest(items.due, ?) AS due, items.open,
             (coalesce(r.kept, 0) + 0.5 * coalesce(r.partly, 0) + ? * ?) / (coalesce(r.resolved, 0) + ?) AS rate
      FROM items LEFT JOIN rates r ON r.who = coalesce(items.party_id, -items.unit_id)
      WHERE items.open > 0 AND items.due < ?""";

  public Forecast weekly(LocalDate today) {
    LocalDate first = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    int n = rules.forecastWeeks();
    BigDecimal[] promised = new BigDecimal[n];
    BigDecimal[] expected = new BigDecimal[n];
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      promised[i] = BigDecimal.ZERO;
      expected[i] = BigDecimal.ZERO;
    }
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(ITEMS)) {
      ps.setDate(1, Date.valueOf(today));
      ps.setDouble(2, rules.priorWeight());
      ps.setDouble(3, rules.defaultKeptRate());
      ps.setDouble(4, rules.priorWeight());
      ps.setDate(5, Date.valueOf(first.plusWeeks(n)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDate due = rs.getDate(1).toLocalDate();
          int w = (int) (java.time.temporal.ChronoUnit.DAYS.between(first, due) / 7);
          BigDecimal open = rs.getBigDecimal(2);
          items[w]++;
          promised[w] = promised[w].add(open);
          expected[w] = expected[w].add(open.multiply(rs.getBigDecimal(3)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot compute the forecast: " + e.getMessage(), e);
    }
    List<Week> weeks = new ArrayList<>();
    for (int i = 0; i < n; i++)
      weeks.add(
          new Week(
              first.plusWeeks(i),
              items[i],
              promised[i],
              expected[i].setScale(2, RoundingMode.HALF_UP)));
    return new Forecast(today, rules.defaultKeptRate(), weeks);
  }
}
