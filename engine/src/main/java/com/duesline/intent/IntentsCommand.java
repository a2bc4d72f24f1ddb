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
@Command(
    name = "intents",
    description = "Classify utterances into intents, evaluate accuracy, explain a match.",
    mixinStandardHelpOptions = true,
    subcommands = {
      IntentsCommand.Classify.class,
      IntentsCommand.Eval.class,
      IntentsCommand.Explain.class
    })
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
  static MatchContext context(
      LuceneIntentClassifier c, String lang, String today, List<String> expect) {
    checkLang(c, lang);
    java.util.Set<String> expected = new java.util.LinkedHashSet<>();
    if (expect != null) {
      for (String e : expect) {
        String intent = e.strip();
        if (intent.isEmpty()) continue;
        if (!c.library().intentNames().contains(intent))
          throw new InputRejectedException(
              "--expect: '" + intent + "' is not in the intent catalogue");
        expected.add(intent);
      }
    }
    return new MatchContext(lang, today(today), expected, java.util.Map.of());
  }

  static void checkLang(LuceneIntentClassifier c, String lang) {
    if (!c.languages().contains(lang))
      throw new InputRejectedException("--lang: '" + lang + "' is not one of " + c.languages());
  }

  /** One JSON object per stdin line; a bad line gets a JSON error and the stream goes on. */
  @Command(
      name = "classify",
      description = "Read one utterance per line on stdin, write one JSON object per line.",
      mixinStandardHelpOptions = true)
  static final class Classify implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(
        names = "--lang",
        defaultValue = "en",
        description = "en or zh (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(
        names = "--today",
        description = "The caller's local date for relative dates, YYYY-MM-DD (default: today).")
    String today;

    @Option(
        names = "--expect",
        split = ",",
        paramLabel = "INTENT",
        description =
            "Scope matching as a question expecting these intents (always-heard intents stay candidates).")
    List<String> expect;

    @Override
    public Integer call() throws IOException {
      LuceneIntentClassifier c = classifier(common);
      MatchContext context = context(c, lang, today, expect);
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
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
  static JsonObject classifyLine(
      LuceneIntentClassifier c, String line, int lineNo, MatchContext context) {
    String cleaned = UtteranceText.clean(line);
    if (line.isBlank())
      return new JsonObject().put("line", lineNo).put("error", "empty line: nothing to classify");
    if (!UtteranceText.hasWords(cleaned)) {
      return new JsonObject()
          .put("line", lineNo)
          .put(
              "error",
              "no words: the line holds only symbols, control characters or undecodable bytes");
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
    for (IntentMatch.Alternative a : m.alternatives())
      alts.add(new JsonObject().put("intent", a.intent()).put("score", a.score()));
    JsonObject entities = new JsonObject();
    m.entities().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> entities.put(e.getKey(), e.getValue()));
    return new JsonObject()
        .put("text", m.text())
        .put("intent", m.intent())
        .put("score", m.score())
        .put("alternatives", alts)
        .put("entities", entities);
  }

  /** Accuracy, per-intent precision/recall and confusions on a TSV file. */
  @Command(
      name = "eval",
      description =
          "Evaluate on FILE.tsv (text<TAB>gold, gold may be several intents separated by commas).",
      mixinStandardHelpOptions = true)
  static final class Eval implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "FILE.tsv",
        description = "Labelled utterances (optional with --cv).")
    Path file;

    @Option(
        names = "--cv",
        description =
            "Also print the nested 5-fold cross-validation of every fusion candidate over the indexed examples.")
    boolean cv;

    @Option(
        names = "--asr",
        description =
            "Also classify what the recogniser hears of each line: MaryTTS speech, mu-law 8 kHz, Vosk (en only; slow).")
    boolean asr;

    @Option(
        names = "--asr-limit",
        defaultValue = "0",
        description = "With --asr: only the first N lines (0: all).")
    int asrLimit;

    @Option(
        names = "--lang",
        defaultValue = "en",
        description = "en or zh (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--today", description = "Date for relative dates, YYYY-MM-DD.")
    String today;

    @Option(names = "--misses", description = "Also list every wrongly classified line.")
    boolean misses;

    @Override
    public Integer call() {
      if (file == null && !cv) throw new InputRejectedException("give FILE.tsv, --cv, or both");
      LuceneIntentClassifier c = classifier(common);
      checkLang(c, lang);
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      if (cv) printCrossValidation(c, lang, out, misses);
      if (file == null) return 0;
      String content;
      try {
        content = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InputRejectedException(file + ": cannot read: " + e.getMessage());
      }
      List<LabelledUtterance> set;
      try {
        set =
            LabelledFile.parse(
                content, file.toString(), java.util.Set.copyOf(c.library().intentNames()));
      } catch (IntentLibraryException e) {
        throw new InputRejectedException(e.problems());
      }
      IntentEvaluation ev = IntentEvaluation.run(c, lang, set, today(today));
      out.println("clean text:");
      print(out, ev, c.calibration(lang), misses);
      if (asr) {
        if (!lang.equals("en"))
          throw new InputRejectedException(
              "--asr: the project's recogniser and voice are English only");
        List<LabelledUtterance> sample =
            asrLimit > 0 && asrLimit < set.size() ? set.subList(0, asrLimit) : set;
        AsrPath.Result heard = AsrPath.hear(sample, common.config());
        List<IntentMatch> answers = new java.util.ArrayList<>();
        MatchContext ctx = MatchContext.open(lang, today(today));
        for (String text : heard.transcripts()) answers.add(c.classify(text, ctx));
        IntentEvaluation viaAsr = IntentEvaluation.tally(sample, answers);
        IntentEvaluation cleanSample = IntentEvaluation.run(c, lang, sample, today(today));
        out.printf(
            Locale.ROOT,
            "%nASR path (MaryTTS -> mu-law 8 kHz -> Vosk), %d lines, %d heard word for word:%n",
            sample.size(),
            heard.heardExactly());
        out.printf(
            Locale.ROOT,
            "  same lines as clean text: accuracy %.1f%%, abstained %.1f%% of meaningful%n",
            100 * cleanSample.accuracy(),
            100 * cleanSample.abstentionRate());
        print(out, viaAsr, c.calibration(lang), false);
        if (misses) {
          for (IntentEvaluation.Miss m : viaAsr.misses()) {
            out.printf(
                Locale.ROOT,
                "  miss %s: \"%s\" heard \"%s\" gold %s got %s (%.3f)%n",
                m.utterance().source(),
                m.utterance().text(),
                m.match().text(),
                m.utterance().gold(),
                m.match().intent(),
                m.match().score());
          }
        }
      }
      return 0;
    }

    private static void printCrossValidation(
        LuceneIntentClassifier c, String lang, PrintStream out, boolean misses) {
      out.printf(
          Locale.ROOT,
          "nested 5-fold cross-validation over the %s examples (fusion and thresholds fitted on 4 folds, answered on the 5th):%n",
          lang);
      out.printf(
          Locale.ROOT,
          "  %-9s %8s %10s %7s %7s %12s %9s  %s%n",
          "fusion",
          "accuracy",
          "abstained",
          "wrong",
          "ending",
          "oos-abstain",
          "utility",
          "fitted on all");
      for (Calibration.Comparison cmp : c.compareFusions(lang)) {
        Calibration.Outcome o = cmp.outcome();
        out.printf(
            Locale.ROOT,
            "  %-9s %7.1f%% %9.1f%% %6.1f%% %7d %11.1f%% %9.0f  %s; thresholds %.3f / %.3f, ending margin %.2f%n",
            cmp.kind().label(),
            100 * o.accuracy(),
            100 * o.abstentionRate(),
            100.0 * o.wrong() / Math.max(1, o.inScope()),
            o.wrongEnding(),
            100.0 * o.outOfScopeRight() / Math.max(1, o.outOfScope()),
            o.utility(),
            cmp.fitted(),
            cmp.threshold(),
            cmp.endingThreshold(),
            cmp.endingMargin());
        if (misses && cmp.kind() == c.fusionKind()) {
          for (Calibration.Miss m : cmp.misses()) {
            out.printf(
                Locale.ROOT,
                "    cv miss %s: \"%s\" gold %s got %s (%.3f)%n",
                m.example().source(),
                m.example().text(),
                m.example().intent(),
                m.predicted(),
                m.score());
          }
        }
      }
      if (lang.equals("en")) {
        Calibration.Misspelt sp = c.compareMisspelt(lang);
        out.printf(
            Locale.ROOT,
            "misspelt examples (%d: the longest word's middle letter dropped; %s, same nested folds):%n",
            sp.examples(),
            c.fusionKind().label());
        for (var row :
            List.of(
                java.util.Map.entry("vector of the text as typed", sp.asTyped()),
                java.util.Map.entry("vector of the corrected text (in use)", sp.corrected()))) {
          Calibration.Outcome o = row.getValue();
          out.printf(
              Locale.ROOT,
              "  %-38s accuracy %.1f%%, abstained %.1f%%, wrong %.1f%%, ending %d, utility %.0f%n",
              row.getKey(),
              100 * o.accuracy(),
              100 * o.abstentionRate(),
              100.0 * o.wrong() / Math.max(1, o.inScope()),
              o.wrongEnding(),
              o.utility());
        }
      }
    }

    private static void print(
        PrintStream out, IntentEvaluation ev, Calibration cal, boolean misses) {
      out.printf(
          Locale.ROOT,
          "accuracy %.1f%% (%d/%d)  abstained on %.1f%% of meaningful utterances (%d/%d)  thresholds %.3f / %.3f (ends contact), ending margin %.2f%n",
          100 * ev.accuracy(),
          ev.correct(),
          ev.total(),
          100 * ev.abstentionRate(),
          ev.abstained(),
          ev.meaningful(),
          cal.threshold(),
          cal.endingThreshold(),
          cal.endingMargin());
      out.printf(Locale.ROOT, "%-22s %9s %7s %5s%n", "intent", "precision", "recall", "gold");
      for (IntentEvaluation.PerIntent p : ev.perIntent().values()) {
        out.printf(
            Locale.ROOT,
            "%-22s %9s %7s %5d%n",
            p.intent(),
            pct(p.precision()),
            pct(p.recall()),
            p.gold());
      }
      out.println("top confusions (gold -> predicted: count)");
      ev.confusions().stream()
          .limit(15)
          .forEach(
              cf ->
                  out.printf(
                      Locale.ROOT, "  %s -> %s: %d%n", cf.gold(), cf.predicted(), cf.count()));
      if (misses) {
        for (IntentEvaluation.Miss m : ev.misses()) {
          out.printf(
              Locale.ROOT,
              "  miss %s: \"%s\" gold %s got %s (%.3f)%n",
              m.utterance().source(),
              m.utterance().text(),
              m.utterance().gold(),
              m.match().intent(),
              m.match().score());
        }
      }
    }

    private static String pct(double v) {
      return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
  }

  /** The nearest examples and each intent's vote for one utterance. */
  @Command(
      name = "explain",
      description = "Show the nearest examples to an utterance and how each intent scored.",
      mixinStandardHelpOptions = true)
  static final class Explain implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "UTTERANCE")
    String utterance;

    @Option(
        names = "--lang",
        defaultValue = "en",
        description = "en or zh (default ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--today", description = "Date for relative dates, YYYY-MM-DD.")
    String today;

    @Option(
        names = "--limit",
        defaultValue = "10",
        description = "How many examples to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
        names = "--expect",
        split = ",",
        paramLabel = "INTENT",
        description = "Scope matching as a question expecting these intents.")
    List<String> expect;

    @Override
    public Integer call() {
      LuceneIntentClassifier c = classifier(common);
      Explanation x = c.explain(utterance, context(c, lang, today, expect), limit);
      PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      out.printf(
          Locale.ROOT,
          "intent %s  score %.3f  (abstain below %.3f; %.3f for intents that end contact)%n",
          x.match().intent(),
          x.match().score(),
          x.threshold(),
          x.endingThreshold());
      if (!x.match().alternatives().isEmpty())
        out.println("alternatives: " + x.match().alternatives());
      out.println("fusion: " + x.fusion());
      out.println("words searched: " + x.words());
      if (!x.match().entities().isEmpty()) out.println("entities: " + x.match().entities());
      out.println("evidence per intent (score = fused confidence):");
      for (Explanation.Vote v : x.votes()) {
        out.printf(
            Locale.ROOT,
            "  %-22s score %.3f  lexical %.3f (share %.3f coverage %.3f)  cosine %.3f  kNN share %.3f%n",
            v.intent(),
            v.score(),
            v.lexical(),
            v.share(),
            v.coverage(),
            v.semantic(),
            v.semanticShare());
      }
      out.println("lexical neighbours (BM25):");
      for (Explanation.Nearest n : x.nearest())
        out.printf(
            Locale.ROOT, "  %7.3f  %-22s %s   [%s]%n", n.score(), n.intent(), n.text(), n.source());
      out.println("semantic neighbours (cosine of sentence vectors):");
      for (Explanation.Nearest n : x.semanticNearest())
        out.printf(
            Locale.ROOT, "  %7.3f  %-22s %s   [%s]%n", n.score(), n.intent(), n.text(), n.source());
      return 0;
    }
  }
}
