package com.duesline.dashboard;

import com.duesline.cli.CommonOptions;
import com.duesline.cli.ExitCodes;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.ledger.OutputFormat;
import com.duesline.store.Database;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code duesline report roll-rates|cure|heatmap|costs}: the numbers of a collection desk
 * (subcommands of {@code report}).
 */
public final class DeskReportCommand {
  private DeskReportCommand() {}

  /** What every desk report takes. */
  abstract static class Base implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(
        names = "--format",
        defaultValue = "table",
        description = "table, csv or json (default ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(
        names = "--as-of",
        description = "The last day covered (YYYY-MM-DD; default today, UTC).")
    LocalDate asOf;

    abstract String report();

    abstract DeskReports.Window window(LocalDate asOf);

    @Override
    public Integer call() {
      var config = common.config();
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Database.open(config)) {
        ArrearsQuery arrears = ArrearsQuery.fromConfig(db, config);
        DeskReports reports = new DeskReports(db, arrears, DeskCosts.from(config));
        JsonObject json = reports.json(report(), window(asOf == null ? arrears.today() : asOf));
        switch (format) {
          case json -> out.println(json.encodePrettily());
          case csv -> out.print(DeskReports.csv(report(), json));
          default -> DeskReports.table(report(), json, out);
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "roll-rates",
      mixinStandardHelpOptions = true,
      description =
          "Accounts moving between aging buckets month over month (estate, per campaign and variant).")
  public static class Roll extends Base {
    @Option(
        names = "--months",
        defaultValue = "6",
        description = "Months back (default ${DEFAULT-VALUE}).")
    int months;

    String report() {
      return "roll-rates";
    }

    DeskReports.Window window(LocalDate d) {
      return new DeskReports.Window(d, months, 1, null);
    }
  }

  /** The cure rate: the same month ends as the roll rates, so the same options. */
  @Command(
      name = "cure",
      mixinStandardHelpOptions = true,
      description = "Share of accounts in arrears that owed nothing a month later.")
  public static final class Cure extends Roll {
    @Override
    String report() {
      return "cure";
    }
  }

  @Command(
      name = "heatmap",
      mixinStandardHelpOptions = true,
      description =
          "Contact rate by the party's local weekday and hour, with the best-time model's rate.")
  public static final class Heatmap extends Base {
    @Option(
        names = "--days",
        defaultValue = "90",
        description = "Days back (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--campaign", description = "One campaign's calls only.")
    String campaign;

    String report() {
      return "heatmap";
    }

    DeskReports.Window window(LocalDate d) {
      return new DeskReports.Window(d, 1, days, campaign);
    }
  }

  @Command(
      name = "costs",
      mixinStandardHelpOptions = true,
      description =
          "Right-party contacts, promises kept, collected against promised and cost per dollar collected (estate, per campaign and variant).")
  public static final class Costs extends Base {
    @Option(
        names = "--days",
        defaultValue = "30",
        description = "Days back (default ${DEFAULT-VALUE}).")
    int days;

    String report() {
      return "costs";
    }

    DeskReports.Window window(LocalDate d) {
      return new DeskReports.Window(d, 1, days, null);
    }
  }
}
