package com.duesline.ledger;

import com.duesline.cli.CommonOptions;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline ledger ...`: tools for ledger files; `ledger generate` writes a deterministic sample
 * estate.
 */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    subcommands = LedgerCommand.Generate.class,
    description = "Ledger file tools.")
public final class LedgerCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** `duesline ledger generate`: the sample estate generator (same arguments, same bytes). */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = "Write a realistic sample ledger, deterministically from a seed.")
  public static final class Generate implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(
        names = "--seed",
        defaultValue = "" + SampleLedgerGenerator.SAMPLE_SEED,
        description = "Random seed (default ${DEFAULT-VALUE}, the shipped sample's).")
    long seed;

    @Option(
        names = "--units",
        defaultValue = "" + SampleLedgerGenerator.SAMPLE_UNITS,
        description = "Number of units (default ${DEFAULT-VALUE}).")
    int units;

    @Option(
        names = "--months",
        defaultValue = "" + SampleLedgerGenerator.SAMPLE_MONTHS,
        description = "Monthly charges per unit (default ${DEFAULT-VALUE}).")
    int months;

    @Option(
        names = "--end",
        defaultValue = "2026-11",
        description = "The last charged month, YYYY-MM (default ${DEFAULT-VALUE}).")
    YearMonth end;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE",
        description = "Where to write the CSV.")
    Path output;

    @Override
    public Integer call() throws Exception {
      if (units < 1 || months < 1)
        throw new com.duesline.cli.InputRejectedException(
            "--units and --months must be at least 1");
      if (output.toAbsolutePath().getParent() != null)
        Files.createDirectories(output.toAbsolutePath().getParent());
      long charges;
      try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
        charges = new SampleLedgerGenerator(seed, units, months, end).write(w);
      }
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s: %d units, %d charges (seed %d, %d months to %s)%n",
              output, units, charges, seed, months, end);
      return 0;
    }
  }
}
