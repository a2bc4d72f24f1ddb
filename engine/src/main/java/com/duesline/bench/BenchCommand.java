package com.duesline.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * `duesline bench <topic>`: measured benchmarks that print medians and rates; one subcommand per
 * topic.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = {
      ImportBenchmark.class,
      SoakBench.class,
      IntentsBench.class,
      ConversationBenchmark.class,
      PlanBench.class,
      SpeechBench.class,
      CarrierBench.class,
      CallsBench.class,
      DashboardBench.class,
      PlaygroundBench.class,
      LiveBench.class,
      LettersBench.class,
      PaymentsBench.class,
      ClusterBench.class,
      EndpointingBench.class,
      OffGrammarBench.class,
    },
    description = "Benchmarks that print medians and rates.")
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
