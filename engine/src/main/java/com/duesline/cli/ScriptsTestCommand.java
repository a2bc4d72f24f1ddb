package com.duesline.cli;

import com.duesline.conversation.SharedClassifier;
import com.duesline.conversation.StoryRunner;
import com.duesline.scripts.Problem;
import com.duesline.scripts.Story;
import com.duesline.scripts.StoryFile;
import com.duesline.scripts.TrackLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scripts test [DIR]}: runs the conversation tests stored beside the tracks, with the real
 * classifier.
 */
@Command(
    name = "test",
    description =
        "Run the conversation tests (tracks/stories/<lang>/*.yaml) with the real intent classifier; failures show the diff.",
    mixinStandardHelpOptions = true)
public final class ScriptsTestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "Library directory (default as for lint).")
  Path dir;

  @Option(names = "--name", description = "Run only stories whose name contains this text.")
  String only;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print every transcript, not only failing ones.")
  boolean verbose;

  @Override
  public Integer call() {
    Path root = ScriptsCommand.library(dir, common);
    TrackLibrary lib = TrackLibrary.load(root);
    List<Problem> problems = new ArrayList<>(lib.problems());
    List<Story> stories = StoryFile.loadAll(root, problems);
    if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
      throw new InputRejectedException(problems.stream().map(Problem::toString).toList());
    }
    if (only != null) stories = stories.stream().filter(s -> s.name().contains(only)).toList();
    StoryRunner runner = new StoryRunner(lib, SharedClassifier.get());
    int failed = 0;
    for (StoryRunner.Result r : runner.runAll(stories)) {
      if (!r.passed()) failed++;
      if (r.passed() && !verbose) continue;
      System.out.println(
          (r.passed() ? "PASS " : "FAIL ")
              + r.story().lang()
              + " "
              + r.story().track()
              + ": "
              + r.story().name());
      r.diffs().forEach(d -> System.out.println("  - " + d));
      r.transcript().forEach(t -> System.out.println("    " + t));
    }
    System.out.println(
        stories.size()
            + " conversation tests, "
            + (stories.size() - failed)
            + " passed, "
            + failed
            + " failed");
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
