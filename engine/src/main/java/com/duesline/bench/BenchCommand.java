package com.duesline.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code duesline bench <topic>}: measured speed of one capability; each topic is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (medians and ratios) by topic.",
    subcommands = {SpeechBench.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
