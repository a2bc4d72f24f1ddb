package com.duesline.dashboard;

import com.duesline.cli.InputRejectedException;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers of a collection desk, one entry point for the CLI ({@code report
 * roll-rates|cure|heatmap|costs}) and the dashboard ({@code /api/dashboard/desk/...}): the JSON,
 * its CSV rows and a text table. Blocking JDBC: call from a worker.
 */
public final class DeskReports {
  /** The report names. */
  public static final List<String> NAMES = List.of("roll-rates", "cure", "heatmap", "costs");

  private final RollRates rollRates;
  private final ContactKpis kpis;
  private final ContactHeatmap heatmap;

  public DeskReports(Database db, ArrearsQuery arrears, DeskCosts costs) {
    this.rollRates = new RollRates(db, arrears);
    this.kpis = new ContactKpis(db, costs);
    this.heatmap = new ContactHeatmap(db);
  }

  /**
   * What a report covers: months back (roll rates, cure) or days back (heatmap, costs) to {@code
   * asOf}, and a campaign filter (heatmap).
   */
  public record Window(LocalDate asOf, int months, int days, String campaign) {
    public Window {
      if (months < 1 || months > 36)
        throw new InputRejectedException("months: expected 1 to 36, got " + months);
      if (days < 1 || days > 3660)
        throw new InputRejectedException("days: expected 1 to 3660, got " + days);
    }
  }

  /** The report as JSON. */
  public JsonObject json(String report, Window w) {
    return switch (report) {
      case "roll-rates" -> rollRates.report(w.asOf(), w.months());
      case "cure" -> cure(rollRates.report(w.asOf(), w.months()));
      case "heatmap" -> heatmap.report(w.asOf().minusDays(w.days() - 1L), w.asOf(), w.campaign());
      case "costs" -> kpis.report(w.asOf().minusDays(w.days() - 1L), w.asOf());
      default ->
          throw new InputRejectedException(
              "report: unknown report '" + report + "' (known: " + String.join(", ", NAMES) + ")");
    };
  }

  /** The cure rate per period and group, from the roll-rate report. */
  static JsonObject cure(JsonObject roll) {
    JsonArray periods = new JsonArray();
    for (Object p : roll.getJsonArray("periods")) {
      JsonObject period = (JsonObject) p;
      JsonArray groups = new JsonArray();
      for (Object g : period.getJsonArray("groups")) {
        JsonObject group = (JsonObject) g;
        groups.add(group.getJsonObject("cure").copy().put("group", group.getString("group")));
      }
      periods.add(
          new JsonObject()
              .put("from", period.getString("from"))
              .put("to", period.getString("to"))
              .put("groups", groups));
    }
    return new JsonObject()
        .put("as_of", roll.getString("as_of"))
        .put("months", roll.getInteger("months"))
        .put("periods", periods);
  }

  /** The CSV columns of a report. */
  public static List<String> columns(String report) {
    return switch (report) {
      case "roll-rates" -> List.of("from", "to", "group", "from_bucket", "to_bucket", "accounts");
      case "cure" -> List.of("from", "to", "group", "in_arrears", "cured", "rate");
      case "heatmap" -> List.of("day", "weekday", "hour", "dialed", "answered", "rate", "model");
      default ->
          List.of(
              "group",
              "dialed",
              "answered",
              "right_party_contacts",
              "rpc_rate",
              "sms",
              "minutes",
              "promises",
              "promised",
              "kept",
              "kept_amount",
              "broken",
              "promise_kept_rate",
              "collected",
              "collected_vs_promised",
              "cost",
              "cost_per_dollar");
    };
  }

  /** The report's JSON as flat rows, one per CSV line. */
  public static List<JsonObject> rows(String report, JsonObject json) {
    List<JsonObject> rows = new ArrayList<>();
    switch (report) {
      case "roll-rates" -> {
        for (Object p : json.getJsonArray("periods")) {
          JsonObject period = (JsonObject) p;
          for (Object g : period.getJsonArray("groups")) {
            JsonObject group = (JsonObject) g;
            JsonObject t = group.getJsonObject("transitions");
            for (String from : t.fieldNames()) {
              for (var to : t.getJsonObject(from)) {
                rows.add(
                    new JsonObject()
                        .put("from", period.getString("from"))
                        .put("to", period.getString("to"))
                        .put("group", group.getString("group"))
                        .put("from_bucket", from)
                        .put("to_bucket", to.getKey())
                        .put("accounts", to.getValue()));
              }
            }
          }
        }
      }
      case "cure" -> {
        for (Object p : json.getJsonArray("periods")) {
          JsonObject period = (JsonObject) p;
          for (Object g : period.getJsonArray("groups")) {
            rows.add(
                ((JsonObject) g)
                    .copy()
                    .put("from", period.getString("from"))
                    .put("to", period.getString("to")));
          }
        }
      }
      case "heatmap" -> json.getJsonArray("cells").forEach(c -> rows.add((JsonObject) c));
      default -> json.getJsonArray("groups").forEach(g -> rows.add((JsonObject) g));
    }
    return rows;
  }

  /** The report as CSV. */
  public static String csv(String report, JsonObject json) {
    return ReportCsv.of(columns(report), rows(report, json));
  }

  /** The report as a text table (a heatmap as a weekday × hour grid of rates). */
  public static void table(String report, JsonObject json, PrintWriter out) {
    if (report.equals("heatmap")) {
      out.printf(
          "contact rate by local weekday and hour, %s to %s%s: %d dialed, %d answered%n",
          json.getString("from"),
          json.getString("to"),
          json.getString("campaign") == null ? "" : ", campaign " + json.getString("campaign"),
          json.getLong("dialed"),
          json.getLong("answered"));
      StringBuilder head = new StringBuilder("     ");
      for (int h = 0; h < 24; h++) head.append(String.format("%4d", h));
      out.println(head);
      JsonArray cells = json.getJsonArray("cells");
      for (int d = 0; d < 7; d++) {
        StringBuilder line =
            new StringBuilder(cells.getJsonObject(d * 24).getString("day")).append("  ");
        for (int h = 0; h < 24; h++) {
          Double r = cells.getJsonObject(d * 24 + h).getDouble("rate");
          line.append(r == null ? "   ." : String.format("%4d", Math.round(r * 100)));
        }
        out.println(line);
      }
      out.println("(percent answered by a person; . = no calls)");
      return;
    }
    List<String> cols = columns(report);
    List<JsonObject> rows = rows(report, json);
    List<List<String>> cells = new ArrayList<>();
    cells.add(cols);
    for (JsonObject r : rows)
      cells.add(
          cols.stream()
              .map(c -> r.getValue(c) == null ? "-" : String.valueOf(r.getValue(c)))
              .toList());
    int[] width = new int[cols.size()];
    for (List<String> r : cells)
      for (int i = 0; i < r.size(); i++) width[i] = Math.max(width[i], r.get(i).length());
    for (List<String> r : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++)
        line.append(String.format("%-" + (width[i] + 2) + "s", r.get(i)));
      out.println(line.toString().stripTrailing());
    }
  }
}
