package com.duesline.campaign;

import com.duesline.cli.CommonOptions;
import com.duesline.store.Database;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `duesline payments post UNIT AMOUNT`: records a payment and stops every pending contact for the
 * account at once.
 */
@Command(
    name = "payments",
    mixinStandardHelpOptions = true,
    subcommands = {
      PaymentsCommand.Post.class,
      com.duesline.payments.PayLinkCommand.class,
      com.duesline.payments.EvaluateCommand.class
    },
    description = "Post payments, make pay links, judge promises.")
public final class PaymentsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Posts one payment. */
  @Command(
      name = "post",
      mixinStandardHelpOptions = true,
      description =
          "Post a payment for UNIT; pending contacts for it are cancelled in the same transaction.")
  public static final class Post implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "UNIT")
    String unit;

    @Parameters(index = "1", paramLabel = "AMOUNT")
    BigDecimal amount;

    @Option(names = "--on", description = "Date paid (default today, UTC).")
    LocalDate on;

    @Option(
        names = "--ref",
        description =
            "The payment's reference (default a generated one); posting the same reference twice is refused.")
    String ref;

    @Override
    public Integer call() {
      try (Database db = Database.open(common.config())) {
        PaymentPoster.Posted p =
            new PaymentPoster(db)
                .post(
                    unit,
                    amount,
                    on == null ? LocalDate.now(ZoneOffset.UTC) : on,
                    ref == null ? "PAY-" + UUID.randomUUID() : ref);
        spec.commandLine()
            .getOut()
            .printf(
                "payment %d posted for %s: %s; %d pending contacts cancelled%n",
                p.paymentId(), unit, amount.toPlainString(), p.cancelledTasks());
      }
      return 0;
    }
  }
}
