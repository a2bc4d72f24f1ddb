package com.duesline.bench;

import picocli.CommandLine.Command;

/** `duesline bench <topic>`: measured speed of one capability, medians and percentiles. */
@Command(name = "bench", description = "Benchmarks: latency percentiles and throughput of one capability.",
    mixinStandardHelpOptions = true, subcommands = {IntentsBench.class})
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
