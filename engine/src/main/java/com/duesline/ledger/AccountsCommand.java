package com.duesline.ledger;

import com.duesline.cli.CommonOptions;
import com.duesline.cli.InputRejectedException;
import com.duesline.cli.TextTable;
import com.duesline.store.Database;
import io.vertx.core.json.JsonArray;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `duesline accounts`: the arrears view of every account; `accounts show UNIT` for one, with its
 * rules.
 */
@Command(
    name = "accounts",
    mixinStandardHelpOptions = true,
    subcommands = AccountsCommand.Show.class,
    description =
        "List accounts with balance, days past due, aging bucket, behaviour class, risk grade and provision.")
public final class AccountsCommand implements Callable<Integer> {
  /** JSON/CSV field order: the keys `accounts --format json` promises, then the explanations. */
  static final List<String> CSV_KEYS =
      List.of(
          "unit",
          "party",
          "phone",
          "phone_status",
          "timezone",
          "language",
          "balance",
          "days_past_due",
          "bucket",
          "class",
          "grade",
          "commercial",
          "provision",
          "class_rule",
          "grade_rule",
          "provision_rule");

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

  @Option(names = "--arrears-only", description = "Only accounts that owe something.")
  boolean arrearsOnly;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    var config = common.config();
    try (Database db = Database.open(config)) {
      ArrearsQuery q = ArrearsQuery.fromConfig(db, config);
      List<AccountView> views = q.all(asOf == null ? q.today() : asOf);
      if (arrearsOnly) views = views.stream().filter(AccountView::inArrears).toList();
      print(out, views, format);
    }
    return 0;
  }

  static void print(PrintWriter out, List<AccountView> views, OutputFormat format) {
    switch (format) {
      case json -> {
        JsonArray a = new JsonArray();
        views.forEach(v -> a.add(v.toJson()));
        out.println(a.encodePrettily());
      }
      case csv -> {
        out.println(String.join(",", CSV_KEYS));
        for (AccountView v : views) {
          var j = v.toJson();
          StringBuilder sb = new StringBuilder();
          for (String k : CSV_KEYS) {
            if (sb.length() > 0) sb.append(',');
            Object val = j.getValue(k);
            sb.append(com.duesline.export.Csv.cell(val == null ? "" : val.toString()));
          }
          out.println(sb);
        }
      }
      default -> {
        TextTable t =
            new TextTable(
                "unit",
                "party",
                "phone",
                "tz",
                "lang",
                ">balance",
                ">dpd",
                "bucket",
                "class",
                "grade",
                ">provision",
                "type");
        for (AccountView v : views) {
          t.row(
              v.unit(),
              v.party(),
              v.phone()
                  + ("ok".equals(v.phoneStatus()) || v.phoneStatus() == null
                      ? ""
                      : " (" + v.phoneStatus() + ")"),
              v.timezone(),
              v.language(),
              v.balance(),
              v.daysPastDue(),
              v.bucket().label(),
              v.behaviourClass(),
              v.grade() == RiskGrade.NONE ? "-" : v.grade(),
              v.provision(),
              v.commercial() ? "commercial" : "residential");
        }
        t.print(out);
      }
    }
    out.flush();
  }

  /** `duesline accounts show UNIT`: one account with the rules that produced its segment. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one account and the rules behind its class, grade and provision.")
  public static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UNIT", description = "The unit code, e.g. B03-1204.")
    String unit;

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
        AccountView v =
            q.unit(unit, asOf == null ? q.today() : asOf)
                .orElseThrow(
                    () -> new InputRejectedException("unit: no unit '" + unit + "' in the store"));
        if (format != OutputFormat.table) {
          if (format == OutputFormat.json) {
            out.println(v.toJson().encodePrettily());
          } else {
            print(out, List.of(v), format);
          }
        } else {
          out.printf(
              "unit            %s (%s)%n", v.unit(), v.commercial() ? "commercial" : "residential");
          out.printf("party           %s%n", v.party() == null ? "-" : v.party());
          out.printf(
              "phone           %s%s%n",
              v.phone() == null ? "-" : v.phone(),
              v.phoneStatus() == null ? "" : " (" + v.phoneStatus() + ")");
          out.printf("timezone        %s, language %s%n", v.timezone(), v.language());
          out.printf("as of           %s%n", v.asOf());
          out.printf("balance         %s%n", v.balance());
          out.printf(
              "days past due   %d (oldest unpaid due %s, %d unpaid periods)%n",
              v.daysPastDue(),
              v.oldestUnpaidDue() == null ? "-" : v.oldestUnpaidDue(),
              v.unpaidPeriods());
          out.printf("last payment    %s%n", v.lastPaymentOn() == null ? "-" : v.lastPaymentOn());
          out.printf("bucket          %s%n", v.bucket().label());
          out.printf("class           %s%n", v.classRule());
          out.printf("grade           %s%n", v.gradeRule());
          out.printf("provision       %s (%s)%n", v.provision(), v.provisionRule());
        }
        out.flush();
      }
      return 0;
    }
  }
}
