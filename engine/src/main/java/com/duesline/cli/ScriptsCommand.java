package com.duesline.cli;

import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.Linter;
import com.duesline.scripts.Problem;
import com.duesline.scripts.TrackLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code duesline scripts lint|test [DIR]}: checks the talk-track library and runs its conversation
 * tests.
 */
@Command(
    name = "scripts",
    description = "Check and test the talk-track library.",
    mixinStandardHelpOptions = true,
    subcommands = {ScriptsCommand.Lint.class, ScriptsTestCommand.class})
public final class ScriptsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Resolves DIR (the library, or its tracks/ directory), the configured library, or the default.
   */
  static Path library(Path dir, CommonOptions common) {
    if (dir != null) return LibraryLocation.resolve(dir);
    var configured = common.config().optional("tracks.library-dir");
    return LibraryLocation.resolve(configured.map(Path::of).orElse(null));
  }

  /**
   * {@code scripts lint [DIR]}: prints every problem as file:line:column; exit 2 when any is an
   * error.
   */
  @Command(
      name = "lint",
      description =
          "Check tracks, SMS, voicemail and letter templates: references, coverage of intents, compliance order, wording, en/zh in step.",
      mixinStandardHelpOptions = true)
  public static final class Lint implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "DIR",
        description =
            "Library directory (default: configured tracks.library-dir, ./scripts-library/library, or the shipped copy).")
    Path dir;

    @Override
    public Integer call() {
      Path root = library(dir, common);
      TrackLibrary lib = TrackLibrary.load(root);
      List<Problem> problems = new java.util.ArrayList<>(Linter.lint(lib));
      List<Problem> storyProblems = new java.util.ArrayList<>();
      var stories = com.duesline.scripts.StoryFile.loadAll(root, storyProblems);
      storyProblems.addAll(Linter.lintStories(lib, stories));
      problems.addAll(storyProblems);
      long errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
      long warnings = problems.size() - errors;
      problems.forEach(
          p ->
              (p.severity() == Problem.Severity.ERROR ? System.err : System.out)
                  .println(root.resolve(p.file()) + p.toString().substring(p.file().length())));
      System.out.println(
          "letters: "
              + com.duesline.scripts.LetterLibrary.load(root).templates().size()
              + " letter templates checked (letters/)");
      System.out.println(
          "linted "
              + lib.tracks().size()
              + " tracks, "
              + lib.templates().size()
              + " template files and "
              + stories.size()
              + " conversation tests in "
              + root
              + ": "
              + errors
              + " error(s), "
              + warnings
              + " warning(s)");
      return errors > 0 ? ExitCodes.REJECTED : ExitCodes.OK;
    }
  }
}
