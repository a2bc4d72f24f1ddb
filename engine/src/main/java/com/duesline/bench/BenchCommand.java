package com.duesline.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code duesline bench <topic>}: the project's benchmarks; each capability adds its topic here. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures as JSON.",
    subcommands = {CarrierBench.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
