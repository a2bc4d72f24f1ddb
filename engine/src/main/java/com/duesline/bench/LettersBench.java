package com.duesline.bench;

import com.duesline.cli.CommonOptions;
import com.duesline.config.Secrets;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.letters.LetterWriter;
import com.duesline.payments.Payments;
import com.duesline.store.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline bench letters`: time writing letters (ledger facts, template, PDF, hash) for accounts
 * in arrears; print medians and CPU time.
 */
@Command(
    name = "letters",
    mixinStandardHelpOptions = true,
    description =
        "Time writing letters for accounts in arrears (English validation notices, Chinese 催缴函); print medians and CPU time.")
public final class LettersBench implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--runs",
      defaultValue = "30",
      description = "Letters timed per kind after 5 warm-up letters (default ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() {
    try (Database db = Database.open(common.config())) {
      LetterWriter writer =
          LetterWriter.from(
              db,
              common.config(),
              Payments.from(common.config(), db, Secrets.fromEnvironment(), Clock.systemUTC())
                  .letterLinks());
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      List<AccountView> owing =
          ArrearsQuery.fromConfig(db, common.config()).all(today).stream()
              .filter(AccountView::inArrears)
              .toList();
      for (String[] kind : new String[][] {{"validation_notice", "en"}, {"催缴函", "zh"}}) {
        List<AccountView> units = owing.stream().filter(a -> a.partyId() != null).toList();
        if (units.isEmpty()) {
          spec.commandLine().getOut().println("no accounts in arrears: import a ledger first");
          return 0;
        }
        for (int i = 0; i < 5; i++)
          writer.write(units.get(i % units.size()).unit(), kind[0], kind[1], today);
        List<Double> ms = new ArrayList<>();
        long bytes = 0;
        double cpu0 = CpuClock.jvmSeconds();
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          bytes +=
              writer
                  .write(units.get(i % units.size()).unit(), kind[0], kind[1], today)
                  .pdf()
                  .length;
          ms.add((System.nanoTime() - t0) / 1e6);
        }
        double cpu = CpuClock.jvmSeconds() - cpu0;
        Collections.sort(ms);
        spec.commandLine()
            .getOut()
            .printf(
                "%s (%s): %d letters, median %.1f ms wall, p90 %.1f ms, %.1f ms CPU per letter, %d bytes on average%n",
                kind[0],
                kind[1],
                runs,
                ms.get(ms.size() / 2),
                ms.get((int) (ms.size() * 0.9)),
                cpu * 1000 / runs,
                bytes / runs);
      }
    }
    return 0;
  }
}
