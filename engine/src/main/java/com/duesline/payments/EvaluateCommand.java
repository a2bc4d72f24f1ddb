package com.duesline.payments;

import com.duesline.campaign.CampaignService;
import com.duesline.cli.CommonOptions;
import com.duesline.config.Secrets;
import com.duesline.store.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline payments evaluate`: judges promises and instalments now (a running engine does this
 * every hour and also sends the reminders).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Judge promises and instalments past their date (kept / partly kept / broken), schedule follow-ups and hand-offs. "
            + "Reminder SMS are sent only by a running engine (serve), which has the carrier.")
public final class EvaluateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--on", description = "Evaluate as of this date (default today, UTC).")
  LocalDate on;

  @Override
  public Integer call() {
    var config = common.config();
    try (Database db = Database.open(config)) {
      Payments payments = Payments.from(config, db, Secrets.fromEnvironment(), Clock.systemUTC());
      LocalDate today = on == null ? LocalDate.now(ZoneOffset.UTC) : on;
      PromiseLifecycle lifecycle =
          new PromiseLifecycle(
              db,
              new CampaignService(db, Clock.systemUTC()),
              payments.plans(),
              r -> false,
              Clock.systemUTC());
      spec.commandLine()
          .getOut()
          .println(lifecycle.evaluate(today, java.time.Instant.now()).toJson().encodePrettily());
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
