package com.duesline.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `duesline bench TOPIC`: benchmarks that print medians and rates, never timed unit tests. */
@Command(name = "bench", description = "Run a benchmark and print its figures.", subcommands = {PlanBench.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
