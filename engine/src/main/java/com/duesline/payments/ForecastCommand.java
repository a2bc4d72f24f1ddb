package com.duesline.payments;

import com.duesline.cli.CommonOptions;
import com.duesline.store.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline report forecast [--format json]`: cash expected by week from open promises and
 * instalments.
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description =
        "Cash forecast by week: open promises and instalments, weighted by each party's kept rate.")
public final class ForecastCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--as-of",
      description = "Forecast from this date (YYYY-MM-DD; default today, UTC).")
  LocalDate asOf;

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("json"))
      throw new com.duesline.cli.InputRejectedException(
          "--format: table or json, got '" + format + "'");
    var config = common.config();
    try (Database db = Database.open(config)) {
      PlanRules rules =
          PlanRules.load(
              config
                  .optional("payments.plan-rules")
                  .filter(s -> !s.isBlank())
                  .map(java.nio.file.Path::of)
                  .orElse(null));
      CashForecast.Forecast f =
          new CashForecast(db, rules).weekly(asOf == null ? LocalDate.now(ZoneOffset.UTC) : asOf);
      PrintWriter out = spec.commandLine().getOut();
      if (format.equals("json")) out.println(f.toJson().encodePrettily());
      else {
        out.printf(
            "cash forecast as of %s (kept rate with no history: %.0f%%)%n",
            f.asOf(), f.defaultKeptRate() * 100);
        out.printf("%-12s %6s %14s %14s%n", "week of", "items", "promised", "expected");
        for (CashForecast.Week w : f.weeks()) {
          out.printf(
              "%-12s %6d %14s %14s%n",
              w.start(), w.items(), w.promised().toPlainString(), w.expected().toPlainString());
        }
        out.printf(
            "%-12s %6s %14s %14s%n",
            "total", "", f.promised().toPlainString(), f.expected().toPlainString());
      }
      out.flush();
    }
    return 0;
  }
}
