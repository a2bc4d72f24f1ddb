package com.duesline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one `duesline` command; each capability adds its subcommand to the list below. */
@Command(
    name = "duesline",
    mixinStandardHelpOptions = true,
    version = "duesline 0.1.0",
    description =
        "Outreach engine for collecting overdue property-management fees by voice and SMS.",
    subcommands = {
      CommandLine.HelpCommand.class,
      com.duesline.ledger.ImportCommand.class,
      com.duesline.ledger.AccountsCommand.class,
      com.duesline.ledger.ReportCommand.class,
      com.duesline.ledger.LedgerCommand.class,
      com.duesline.app.ServeCommand.class,
      com.duesline.app.DemoCommand.class,
      com.duesline.web.UsersCommand.class,
      com.duesline.intent.IntentsCommand.class,
      com.duesline.bench.BenchCommand.class,
      ScriptsCommand.class,
      ConverseCommand.class,
      VoicesCommand.class,
      TtsCommand.class,
      AsrCommand.class,
      CarrierCommand.class,
      com.duesline.policy.PolicyCommand.class,
      com.duesline.campaign.CampaignCommand.class,
      com.duesline.campaign.PaymentsCommand.class,
      com.duesline.letters.LettersCommand.class,
      com.duesline.qa.QaCommand.class,
      com.duesline.privacy.PrivacyCommands.Erase.class,
      com.duesline.privacy.PrivacyCommands.Retention.class,
    })
public final class Duesline implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns the exit code: 0 success, 2 rejected input, 1 anything else.
   */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Duesline());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof InputRejectedException rejected) {
            rejected.problems().forEach(p -> commandLine.getErr().println(p));
            return ExitCodes.REJECTED;
          }
          commandLine
              .getErr()
              .println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
          return ExitCodes.FAILURE;
        });
    return cli.execute(args);
  }
}
