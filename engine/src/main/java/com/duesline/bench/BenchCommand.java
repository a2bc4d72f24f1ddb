package com.duesline.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `duesline bench <topic>`: measured benchmarks; each capability adds its topic to the list below. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    subcommands = {
      ImportBenchmark.class,
      IntentsBench.class,
      ConversationBenchmark.class,
      PlanBench.class,
    },
    description = "Benchmarks that print medians and rates.")
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
