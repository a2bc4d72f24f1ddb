package com.duesline.intent;

import com.duesline.cli.CommonOptions;
import com.duesline.cli.InputRejectedException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `duesline intents classify|eval|explain`: try the intent classifier from the command line. */
@Command(name = "intents", description = "Classify utterances into intents, evaluate accuracy, explain a match.",
    mixinStandardHelpOptions = true,
    subcommands = {IntentsCommand.Classify.class, IntentsCommand.Eval.class, IntentsCommand.Explain.class})
public final class IntentsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static LuceneIntentClassifier classifier(CommonOptions common) {
    return LuceneIntentClassifier.fromConfig(common.config());
  }

  static LocalDate today(String today) {
    if (today == null) return LocalDate.now();
    try {
      return LocalDate.parse(today);
    } catch (DateTimeParseException e) {
      throw new InputRejectedException("--today: '" + today + "' is not a date like 2026-12-04");
    }
  }

  /** The context for --lang/--today/--expect; unknown expected intents are rejected. */
  static MatchContext context(LuceneIntentClassifier c, String lang, String today, List<String> expect) {
    checkLang(c, lang);
    java.util.Set<String> expected = new java.util.LinkedHashSet<>();
    if (expect != null) {
      for (String e : expect) {
        String intent = e.strip();
        if (intent.isEmpty()) continue;
        if (!c.library().intentNames().contains(intent)) throw new InputRejectedException("--expect: '" + intent + "' is not in the intent catalogue");
        expected.add(intent);
      }
    }
    return new MatchContext(lang, today(today), expected, java.util.Map.of());
  }

  static void checkLang(LuceneIntentClassifier c, String lang) {
    if (!c.languages().contains(lang)) throw new InputRejectedException("--lang: '" + lang + "' is not one of " + c.languages());
  }

  /** One JSON object per stdin line; a bad line gets a JSON error and the stream goes on. */
  @Command(name = "classify", description = "Read one utterance per line on stdin, write one JSON object per line.", mixinStandardHelpOptions = true)
  static final class Classify implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--today", description = "The caller's local date for relative dates, YYYY-MM-DD (default: today).")
    String today;

    @Option(names = "--expect", split = ",", paramLabel = "INTENT", description = "Scope matching as a question expecting these intents (always-heard intents stay candidates).")
    List<String> expect;

    @Override
    public Integer call() throws IOException {
      LuceneIntentClassifier c = classifier(common);
      MatchContext context = context(c, lang, today, expect);
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        out.println(classifyLine(c, line, lineNo, context).encode());
        out.flush();
      }
      return 0;
    }
  }

  /** The JSON for one input line: a match, or {"line","error"} naming what is wrong. */
  static JsonObject classifyLine(LuceneIntentClassifier c, String line, int lineNo, MatchContext context) {
    String cleaned = UtteranceText.clean(line);
    if (line.isBlank()) return new JsonObject().put("line", lineNo).put("error", "empty line: nothing to classify");
    if (!UtteranceText.hasWords(cleaned)) {
      return new JsonObject().put("line", lineNo).put("error", "no words: the line holds only symbols, control characters or undecodable bytes");
    }
    try {
      IntentMatch m = c.classify(line, context);
      JsonObject o = toJson(m);
      if (line.length() > UtteranceText.MAX_CHARS) o.put("truncated", true);
      return o;
    } catch (RuntimeException e) {
      return new JsonObject().put("line", lineNo).put("error", "could not classify: " + e);
    }
  }

  static JsonObject toJson(IntentMatch m) {
    JsonArray alts = new JsonArray();
    for (IntentMatch.Alternative a : m.alternatives()) alts.add(new JsonObject().put("intent", a.intent()).put("score", a.score()));
    JsonObject entities = new JsonObject();
    m.entities().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> entities.put(e.getKey(), e.getValue()));
    return new JsonObject().put("text", m.text()).put("intent", m.intent()).put("score", m.score()).put("alternatives", alts).put("entities", entities);
  }

  /** Accuracy, per-intent precision/recall and confusions on a TSV file. */
  @Command(name = "eval", description = "Evaluate on FILE.tsv (text<TAB>gold, gold may be several intents separated by commas).", mixinStandardHelpOptions = true)
  static final class Eval implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "FILE.tsv", description = "Labelled utterances.")
    Path file;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--today", description = "Date for relative dates, YYYY-MM-DD.")
    String today;

    @Option(names = "--misses", description = "Also list every wrongly classified line.")
    boolean misses;

    @Override
    public Integer call() {
      String content;
      try {
        content = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputRejectedException(file + ": cannot read: " + e.getMessage());
      }
      LuceneIntentClassifier c = classifier(common);
      checkLang(c, lang);
      List<LabelledUtterance> set;
      try {
        set = LabelledFile.parse(content, file.toString(), java.util.Set.copyOf(c.library().intentNames()));
      } catch (IntentLibraryException e) {
        throw new InputRejectedException(e.problems());
      }
      IntentEvaluation ev = IntentEvaluation.run(c, lang, set, today(today));
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.printf(Locale.ROOT, "accuracy %.1f%% (%d/%d)  abstain threshold %.3f%n", 100 * ev.accuracy(), ev.correct(), ev.total(), c.calibration(lang).threshold());
      out.printf(Locale.ROOT, "%-22s %9s %7s %5s%n", "intent", "precision", "recall", "gold");
      for (IntentEvaluation.PerIntent p : ev.perIntent().values()) {
        out.printf(Locale.ROOT, "%-22s %9s %7s %5d%n", p.intent(), pct(p.precision()), pct(p.recall()), p.gold());
      }
      out.println("confusions (gold -> predicted: count)");
      for (IntentEvaluation.Confusion cf : ev.confusions()) out.printf(Locale.ROOT, "  %s -> %s: %d%n", cf.gold(), cf.predicted(), cf.count());
      if (misses) {
        for (IntentEvaluation.Miss m : ev.misses()) {
          out.printf(Locale.ROOT, "  miss %s: \"%s\" gold %s got %s (%.3f)%n", m.utterance().source(), m.utterance().text(), m.utterance().gold(), m.match().intent(), m.match().score());
        }
      }
      return 0;
    }

    private static String pct(double v) {
      return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
  }

  /** The nearest examples and each intent's vote for one utterance. */
  @Command(name = "explain", description = "Show the nearest examples to an utterance and how each intent scored.", mixinStandardHelpOptions = true)
  static final class Explain implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "UTTERANCE")
    String utterance;

    @Option(names = "--lang", defaultValue = "en", description = "en or zh (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--today", description = "Date for relative dates, YYYY-MM-DD.")
    String today;

    @Option(names = "--limit", defaultValue = "10", description = "How many examples to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--expect", split = ",", paramLabel = "INTENT", description = "Scope matching as a question expecting these intents.")
    List<String> expect;

    @Override
    public Integer call() {
      LuceneIntentClassifier c = classifier(common);
      Explanation x = c.explain(utterance, context(c, lang, today, expect), limit);
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.printf(Locale.ROOT, "intent %s  score %.3f  (abstain below %.3f)%n", x.match().intent(), x.match().score(), x.threshold());
      out.println("words searched: " + x.words());
      if (!x.match().entities().isEmpty()) out.println("entities: " + x.match().entities());
      out.println("votes (score = (share + coverage) / 2):");
      for (Explanation.Vote v : x.votes()) out.printf(Locale.ROOT, "  %-22s score %.3f  share %.3f  coverage %.3f%n", v.intent(), v.score(), v.share(), v.coverage());
      out.println("nearest examples (BM25):");
      for (Explanation.Nearest n : x.nearest()) out.printf(Locale.ROOT, "  %7.3f  %-22s %s   [%s]%n", n.score(), n.intent(), n.text(), n.source());
      return 0;
    }
  }
}
