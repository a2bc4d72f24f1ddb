package com.duesline.ledger;

import com.duesline.cli.CommonOptions;
import com.duesline.store.Database;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline report ...`: reports over the ledger; `report aging` is the aging report with
 * provisions.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    subcommands = {
      ReportCommand.Aging.class,
      com.duesline.dashboard.DeskReportCommand.Roll.class,
      com.duesline.dashboard.DeskReportCommand.Cure.class,
      com.duesline.dashboard.DeskReportCommand.Heatmap.class,
      com.duesline.dashboard.DeskReportCommand.Costs.class,
      com.duesline.payments.ForecastCommand.class
    },
    description = "Reports over the ledger.")
public final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** `duesline report aging`: arrears and bad-debt provision per aging bucket, with totals. */
  @Command(
      name = "aging",
      mixinStandardHelpOptions = true,
      description =
          "Arrears by aging bucket (residential and commercial), share of the total and bad-debt provision.")
  public static final class Aging implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(
        names = "--format",
        defaultValue = "table",
        description = "table, csv or json (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(
        names = "--as-of",
        description = "Compute as of this date (YYYY-MM-DD; default today, UTC).")
    LocalDate asOf;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      var config = common.config();
      try (Database db = Database.open(config)) {
        ArrearsQuery q = ArrearsQuery.fromConfig(db, config);
        AgingReport report = AgingReport.of(q.all(asOf == null ? q.today() : asOf));
        switch (format) {
          case json -> out.println(report.toJson().encodePrettily());
          case csv -> report.printCsv(out);
          default -> {
            out.printf("aging report as of %s, %d accounts%n", report.asOf(), report.accounts());
            report.printTable(out);
          }
        }
        out.flush();
      }
      return CommandLine.ExitCode.OK;
    }
  }
}
