package com.duesline.qa;

import com.duesline.cli.CommonOptions;
import com.duesline.cli.ExitCodes;
import com.duesline.cli.InputRejectedException;
import com.duesline.conversation.SharedClassifier;
import com.duesline.store.Database;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code duesline qa check FILE} and {@code duesline qa report}: automatic QA of calls. */
@Command(
    name = "qa",
    mixinStandardHelpOptions = true,
    subcommands = {QaCommand.Check.class, QaCommand.Report.class},
    description = "Automatic QA of calls: check one transcript, or report on the checked calls.")
public final class QaCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Checks one transcript file against the rules (library/qa). */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Score one transcript: {\"lang\", \"jurisdiction\", \"channel\": \"call\", \"turns\": [{\"speaker\": bot|agent|caller, \"text\"}]}. Exit 0 pass, 1 fail, 2 bad input.")
  public static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(
        names = "--format",
        defaultValue = "text",
        description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--rules",
        description =
            "A folder of QA rule files (rules.yaml, <lang>.yaml); default the shipped library/qa.")
    Path rules;

    @Option(
        names = "--no-classifier",
        description = "Phrases only: do not ask the intent classifier about caller turns.")
    boolean noClassifier;

    @Override
    public Integer call() {
      if (!format.equals("text") && !format.equals("json"))
        throw new InputRejectedException("--format: expected text or json, got '" + format + "'");
      String json;
      try {
        json = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new InputRejectedException(file + ": no such file");
      } catch (IOException e) {
        throw new InputRejectedException(file + ": cannot read: " + e.getMessage());
      }
      QaTranscript t;
      QaRules r;
      try {
        t = QaTranscript.parse(file.toString(), json);
        r = rules == null ? QaRules.bundled() : QaRules.load(rules);
      } catch (QaInputException e) {
        throw new InputRejectedException(e.problems());
      } catch (com.duesline.policy.DataProblems e) {
        throw new InputRejectedException(e.problems());
      }
      QaChecker checker = new QaChecker(r, noClassifier ? null : SharedClassifier.get());
      QaResult result;
      try {
        result = checker.check(t);
      } catch (IllegalArgumentException e) {
        throw new InputRejectedException(file + ": lang: " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format.equals("json")) {
        out.println(result.toJson().encodePrettily());
      } else {
        out.printf(
            "%s: score %d, %s (%s, %s, %d turns)%n",
            file,
            result.score(),
            result.passed() ? "PASS" : "FAIL",
            t.lang(),
            t.jurisdiction(),
            t.turns().size());
        for (QaResult.Finding f : result.findings()) {
          out.printf(
              "  %-8s %-26s turn %-4s %s%n",
              f.severity().label(), f.rule(), f.turn() == null ? "-" : f.turn(), f.evidence());
        }
      }
      out.flush();
      return result.passed() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  /** The QA report over the stored verdicts. */
  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = "Calls checked, passed and failed, findings per rule, and the failing calls.")
  public static final class Report implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(
        names = "--since",
        description = "From this date (YYYY-MM-DD, UTC; default seven days ago).")
    String since;

    @Option(
        names = "--format",
        defaultValue = "text",
        description = "text or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "Failing calls listed (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      if (!format.equals("text") && !format.equals("json"))
        throw new InputRejectedException("--format: expected text or json, got '" + format + "'");
      if (limit < 1) throw new InputRejectedException("--limit: at least 1, got " + limit);
      JsonObject r;
      try (Database db = Database.open(common.config())) {
        r = new QaStore(db).report(QaRoutes.since(since), limit);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format.equals("json")) {
        out.println(r.encodePrettily());
      } else {
        out.printf(
            "QA since %s: %d calls checked, %d passed, %d failed, mean score %.1f%n",
            r.getString("since"),
            r.getLong("checked"),
            r.getLong("passed"),
            r.getLong("failed"),
            r.getDouble("mean_score"));
        for (Object o : r.getJsonArray("rules")) {
          JsonObject x = (JsonObject) o;
          out.printf(
              "  %-26s %-8s %5d findings in %d calls%n",
              x.getString("rule"),
              x.getString("severity"),
              x.getLong("findings"),
              x.getLong("calls"));
        }
        if (!r.getJsonArray("failing").isEmpty()) out.println("failing calls:");
        for (Object o : r.getJsonArray("failing")) {
          JsonObject x = (JsonObject) o;
          out.printf(
              "  attempt %d  %s  %s  score %d  %s%n",
              x.getLong("attempt"),
              x.getString("unit"),
              x.getString("track"),
              x.getInteger("score"),
              x.getJsonArray("findings").stream()
                  .map(f -> ((JsonObject) f).getString("rule"))
                  .distinct()
                  .toList());
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
