package com.duesline.payments;

import com.duesline.cli.CommonOptions;
import com.duesline.config.Secrets;
import com.duesline.store.Database;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `duesline payments link UNIT [--amount A] [--format json]`: a signed, single-use, expiring pay
 * link for an account.
 */
@Command(
    name = "link",
    mixinStandardHelpOptions = true,
    description =
        "Make a signed, single-use, expiring pay link for UNIT (default amount: the next instalment, an open promise, else the balance).")
public final class PayLinkCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "UNIT")
  String unit;

  @Option(names = "--amount", description = "The amount to ask for (default: what is due now).")
  BigDecimal amount;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json"))
      throw new com.duesline.cli.InputRejectedException(
          "--format: text or json, got '" + format + "'");
    var config = common.config();
    try (Database db = Database.open(config)) {
      Payments payments =
          Payments.from(config, db, Secrets.fromEnvironment(), java.time.Clock.systemUTC());
      PayLink link = payments.links().issue(unit, amount, amount == null ? null : "asked");
      PrintWriter out = spec.commandLine().getOut();
      if (format.equals("json")) out.println(link.toJson().encode());
      else
        out.printf(
            "%s%n  %s for %s (%s), expires %s%n",
            link.url(), link.amount().toPlainString(), link.unit(), link.purpose(), link.expires());
      out.flush();
    }
    return 0;
  }
}
