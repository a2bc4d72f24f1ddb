package com.duesline.privacy;

import com.duesline.call.CallRuntime;
import com.duesline.campaign.PhoneJurisdictions;
import com.duesline.cli.CommonOptions;
import com.duesline.store.Database;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The privacy commands: {@code duesline erase UNIT} and {@code duesline retention sweep}. */
public final class PrivacyCommands {
  private PrivacyCommands() {}

  /**
   * `duesline erase UNIT --reason ...`: erases a unit's personal data, keeping the audit record
   * that it was done.
   */
  @Command(
      name = "erase",
      mixinStandardHelpOptions = true,
      description =
          "Erase the personal data of a unit's parties on request (names, numbers, addresses, transcripts, recordings);"
              + " ledger amounts and an audit record stay.")
  public static final class Erase implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "UNIT", description = "The unit code, e.g. B02-1203.")
    String unit;

    @Option(
        names = "--reason",
        required = true,
        description = "The request this answers (kept in the audit log; no personal data).")
    String reason;

    @Option(
        names = "--by",
        defaultValue = "cli",
        description = "Who erases (default ${DEFAULT-VALUE}).")
    String by;

    @Override
    public Integer call() {
      var config = common.config();
      try (Database db = Database.open(config)) {
        Erasure.Result r =
            new Erasure(db, CallRuntime.recordingsDir(config)).erase(unit, by, reason);
        spec.commandLine().getOut().println(r.toJson().encode());
      }
      return 0;
    }
  }

  /** `duesline retention ...`. */
  @Command(
      name = "retention",
      mixinStandardHelpOptions = true,
      subcommands = Sweep.class,
      description = "Retention of recordings and transcripts (library/policy/retention.yaml).")
  public static final class Retention implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  /** `duesline retention sweep [--dry-run]`. */
  @Command(
      name = "sweep",
      mixinStandardHelpOptions = true,
      description =
          "Remove the recordings and transcripts older than their jurisdiction's period (the engine also does this daily).")
  public static final class Sweep implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--dry-run", description = "Only count what is due.")
    boolean dryRun;

    @Override
    public Integer call() {
      var config = common.config();
      try (Database db = Database.open(config)) {
        RetentionSweep.Result r =
            new RetentionSweep(
                    db,
                    RetentionRules.bundled(),
                    PhoneJurisdictions.bundled(),
                    CallRuntime.recordingsDir(config),
                    Clock.systemUTC())
                .run(dryRun);
        spec.commandLine().getOut().println(r.toJson().put("dry_run", dryRun).encode());
      }
      return 0;
    }
  }
}
