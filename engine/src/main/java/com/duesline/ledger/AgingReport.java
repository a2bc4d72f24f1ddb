package com.duesline.ledger;

import com.duesline.cli.TextTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Arrears summed by aging bucket (accounts, balance, provision; residential and commercial apart),
 * with totals.
 */
public record AgingReport(LocalDate asOf, int accounts, Map<AgingBucket, Line> lines, Line total) {
  /** One bucket's figures. */
  public record Line(
      int accounts,
      BigDecimal residential,
      BigDecimal commercial,
      BigDecimal balance,
      BigDecimal provision) {
    static Line empty() {
      return new Line(0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    Line plus(AccountView v) {
      BigDecimal owed = v.balance().max(BigDecimal.ZERO);
      return new Line(
          accounts + 1,
          v.commercial() ? residential : residential.add(owed),
          v.commercial() ? commercial.add(owed) : commercial,
          balance.add(owed),
          provision.add(v.provision()));
    }
  }

  /** Sums the views (credits count as zero owed); every bucket appears, even when empty. */
  public static AgingReport of(List<AccountView> views) {
    Map<AgingBucket, Line> lines = new EnumMap<>(AgingBucket.class);
    for (AgingBucket b : AgingBucket.values()) lines.put(b, Line.empty());
    Line total = Line.empty();
    LocalDate asOf = LocalDate.now();
    for (AccountView v : views) {
      lines.put(v.bucket(), lines.get(v.bucket()).plus(v));
      total = total.plus(v);
      asOf = v.asOf();
    }
    return new AgingReport(asOf, views.size(), lines, total);
  }

  public void printTable(PrintWriter out) {
    TextTable t =
        new TextTable(
            "bucket", ">accounts", ">residential", ">commercial", ">owed", ">share", ">provision");
    for (var e : lines.entrySet()) {
      Line l = e.getValue();
      t.row(
          e.getKey().label(),
          l.accounts(),
          l.residential(),
          l.commercial(),
          l.balance(),
          share(l.balance()),
          l.provision());
    }
    t.row(
        "total",
        total.accounts(),
        total.residential(),
        total.commercial(),
        total.balance(),
        share(total.balance()),
        total.provision());
    t.print(out);
  }

  public void printCsv(PrintWriter out) {
    out.println("bucket,accounts,residential,commercial,owed,provision");
    for (var e : lines.entrySet()) {
      Line l = e.getValue();
      out.println(
          com.duesline.export.Csv.row(
              java.util.List.of(
                  e.getKey().label(),
                  Integer.toString(l.accounts()),
                  l.residential().toPlainString(),
                  l.commercial().toPlainString(),
                  l.balance().toPlainString(),
                  l.provision().toPlainString())));
    }
    out.println(
        com.duesline.export.Csv.row(
            java.util.List.of(
                "total",
                Integer.toString(total.accounts()),
                total.residential().toPlainString(),
                total.commercial().toPlainString(),
                total.balance().toPlainString(),
                total.provision().toPlainString())));
    out.flush();
  }

  public JsonObject toJson() {
    JsonArray buckets = new JsonArray();
    for (var e : lines.entrySet())
      buckets.add(json(e.getValue()).put("bucket", e.getKey().label()));
    return new JsonObject()
        .put("as_of", asOf.toString())
        .put("buckets", buckets)
        .put("total", json(total));
  }

  private static JsonObject json(Line l) {
    return new JsonObject()
        .put("accounts", l.accounts())
        .put("residential", l.residential())
        .put("commercial", l.commercial())
        .put("owed", l.balance())
        .put("provision", l.provision());
  }

  private String share(BigDecimal part) {
    if (total.balance().signum() == 0) return "0%";
    return part.multiply(BigDecimal.valueOf(100))
            .divide(total.balance(), 1, java.math.RoundingMode.HALF_UP)
        + "%";
  }
}
