package com.duesline.campaign;

import com.duesline.cli.CommonOptions;
import com.duesline.store.Database;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `duesline campaign create|start|pause|resume|stop|plan|status`. */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    subcommands = {
      CampaignCommand.Create.class,
      CampaignCommand.Start.class,
      CampaignCommand.Pause.class,
      CampaignCommand.Resume.class,
      CampaignCommand.Stop.class,
      CampaignCommand.Plan.class,
      CampaignCommand.Status.class
    },
    description = "Create and run campaigns over the ledger.")
public final class CampaignCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Validates and registers a campaign from a bundled id or a YAML file. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Validate DEFINITION (bundled id or YAML file) and register it.")
  public static final class Create implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DEFINITION")
    String ref;

    @Override
    public Integer call() {
      try (Database db = Database.open(common.config())) {
        CampaignDefinition d = new CampaignService(db, Clock.systemUTC()).create(ref);
        spec.commandLine()
            .getOut()
            .printf("created campaign %s (%s): %d rungs%n", d.id(), d.name(), d.ladder().size());
      }
      return 0;
    }
  }

  /** Shared body of the state changes. */
  abstract static class Transition implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN")
    String id;

    abstract String action();

    @Override
    public Integer call() {
      try (Database db = Database.open(common.config())) {
        CampaignService svc = new CampaignService(db, Clock.systemUTC());
        svc.transition(id, action());
        String extra = "";
        if (action().equals("start") || action().equals("resume"))
          extra = ": " + svc.plan(id) + " accounts planned";
        spec.commandLine().getOut().printf("campaign %s: %s%s%n", id, action(), extra);
      }
      return 0;
    }
  }

  /** created → running (and plans). */
  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a created campaign and plan its contacts.")
  public static final class Start extends Transition {
    String action() {
      return "start";
    }
  }

  /** running → paused: nothing is claimed while paused. */
  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Pause: no new contacts start; open ones finish.")
  public static final class Pause extends Transition {
    String action() {
      return "pause";
    }
  }

  /** paused → running (and re-plans). */
  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a paused campaign and re-plan it.")
  public static final class Resume extends Transition {
    String action() {
      return "resume";
    }
  }

  /** any → stopped: pending tasks are cancelled. */
  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop for good: pending contacts are cancelled.")
  public static final class Stop extends Transition {
    String action() {
      return "stop";
    }
  }

  /** Re-plans every account now. */
  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = "Re-plan every account of CAMPAIGN now.")
  public static final class Plan implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN")
    String id;

    @Override
    public Integer call() {
      try (Database db = Database.open(common.config())) {
        spec.commandLine()
            .getOut()
            .printf(
                "campaign %s: %d accounts planned%n",
                id, new CampaignService(db, Clock.systemUTC()).plan(id));
      }
      return 0;
    }
  }

  /**
   * Queued, due, blocked by reason, in progress, done, contacts, right-party contacts, promises and
   * amounts.
   */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Tasks by state (blocked by reason), contacts, right-party contacts, promises.")
  public static final class Status implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "CAMPAIGN")
    String id;

    @Option(
        names = "--format",
        defaultValue = "text",
        description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Database.open(common.config())) {
        CampaignService svc = new CampaignService(db, Clock.systemUTC());
        Map<String, Long> s = svc.status(id);
        String state = svc.tasks().campaign(id).get()[0];
        if (format.equals("json")) {
          JsonObject o = new JsonObject().put("campaign", id).put("status", state);
          s.forEach(o::put);
          out.println(o.encodePrettily());
        } else {
          out.printf("campaign %s: %s%n", id, state);
          s.forEach((k, v) -> out.printf("  %-40s %,d%n", k, v));
        }
      }
      return 0;
    }
  }
}
