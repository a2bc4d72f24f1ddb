package com.duesline.intent;

import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
import com.duesline.speech.SpeechSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The intent classifier: per language, an in-memory Lucene index of the library's examples (words
 * for BM25 and sentence vectors for kNN) built once at start-up and searched by every call; the
 * lexical and semantic evidence is fused and a cross-validated threshold turns low confidence into
 * {@code out_of_scope}; plus entity extraction. Thread-safe; create one and share it.
 */
public final class LuceneIntentClassifier implements IntentClassifier {
  /**
   * Neighbours voting when nothing else is said: enough to outvote one odd example, few enough to
   * stay local.
   */
  public static final int DEFAULT_NEIGHBOURS = 10;

  /**
   * The fusion chosen by nested cross-validation (docs/intents.md, `duesline intents eval --cv`).
   */
  static final Fusion.Kind DEFAULT_FUSION = Fusion.Kind.LOGISTIC;

  private final IntentLibrary library;
  private final Map<String, Double> minScores;
  private final Set<String> ending;
  private final Map<String, LanguageMatcher> matchers = new LinkedHashMap<>();
  private final Map<String, Calibration> calibrations = new LinkedHashMap<>();
  private final EntityExtractor entities;

  /**
   * How many neighbours vote, an abstain threshold that replaces the calibrated one when present,
   * when payday is, how evidence is fused, and where example vectors are kept between starts
   * (empty: recomputed each start).
   */
  public record Settings(
      int neighbours,
      Optional<Double> abstainThreshold,
      Payday payday,
      Fusion.Kind fusion,
      Optional<Path> cacheDir) {
    public Settings {
      Objects.requireNonNull(payday, "payday");
      Objects.requireNonNull(fusion, "fusion");
      Objects.requireNonNull(cacheDir, "cacheDir");
      if (neighbours < 1)
        throw new IllegalArgumentException("neighbours must be at least 1, got " + neighbours);
      abstainThreshold.ifPresent(
          t -> {
            if (t < 0 || t > 1)
              throw new IllegalArgumentException("abstain threshold must be within 0..1, got " + t);
          });
    }

    /**
     * Calibrated threshold, {@link #DEFAULT_NEIGHBOURS} neighbours, the logistic fusion, vectors
     * kept in the speech cache dir.
     */
    public static Settings defaults() {
      return new Settings(
          DEFAULT_NEIGHBOURS,
          Optional.empty(),
          Payday.semiMonthly(),
          DEFAULT_FUSION,
          Optional.of(SpeechSettings.defaults().cacheDir()));
    }
  }

  private LuceneIntentClassifier(IntentLibrary library, Settings settings) {
    this.library = library;
    this.minScores =
        library.intents().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    IntentDefinition::name, IntentDefinition::minScore));
    this.ending =
        library.intents().stream()
            .filter(IntentDefinition::endsContact)
            .map(IntentDefinition::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.entities = new EntityExtractor(settings.payday());
    // Languages are independent: index and calibrate them in parallel, then keep catalogue order.
    record Built(LanguageMatcher matcher, Calibration calibration) {}
    List<Built> built =
        library.languages().parallelStream()
            .map(
                lang -> {
                  LanguageMatcher m =
                      new LanguageMatcher(
                          library,
                          lang,
                          settings.neighbours(),
                          SentenceEncoder.forLanguage(lang),
                          settings.cacheDir());
                  return new Built(
                      m,
                      Calibration.fit(m, settings.fusion(), settings.abstainThreshold(), ending));
                })
            .toList();
    for (Built b : built) {
      matchers.put(b.matcher().lang, b.matcher());
      calibrations.put(b.matcher().lang, b.calibration());
    }
  }

  /**
   * Loads the library shipped on the classpath ({@code library/intents/} of the scripts-library
   * jar).
   */
  public static LuceneIntentClassifier fromLibrary() {
    return load(LibrarySource.classpath(), Settings.defaults());
  }

  /**
   * Loads a library directory: the intents directory itself or a library root holding {@code
   * intents/}.
   */
  public static LuceneIntentClassifier fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) throw new IntentLibraryException(dir + ": not a directory");
    return load(LibrarySource.directory(dir), Settings.defaults());
  }

  /** Loads from any source with explicit settings. */
  public static LuceneIntentClassifier load(LibrarySource source, Settings settings) {
    return new LuceneIntentClassifier(IntentLibrary.load(source), settings);
  }

  /**
   * Loads as configured: {@code intents.library-dir} (blank: classpath), {@code
   * intents.neighbours}, {@code intents.abstain-threshold} (blank: calibrated), {@code
   * intents.payday} ("15,last"), {@code intents.fusion} (logistic); example vectors are kept under
   * {@code speech.cache-dir}.
   */
  public static LuceneIntentClassifier fromConfig(DueslineConfig config) {
    Optional<Double> threshold =
        config
            .optional("intents.abstain-threshold")
            .map(v -> config.getDouble("intents.abstain-threshold"));
    Payday payday;
    try {
      payday = Payday.parse(config.get("intents.payday"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("intents.payday: " + e.getMessage());
    }
    Fusion.Kind fusion;
    try {
      fusion =
          Fusion.Kind.valueOf(
              config.get("intents.fusion").strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "intents.fusion: '"
              + config.get("intents.fusion")
              + "' is not one of lexical, semantic, rank, blend, logistic");
    }
    Settings settings =
        new Settings(
            config.getInt("intents.neighbours"),
            threshold,
            payday,
            fusion,
            Optional.of(SpeechSettings.from(config).cacheDir()));
    LibrarySource source =
        config
            .optional("intents.library-dir")
            .map(d -> LibrarySource.directory(Path.of(d)))
            .orElse(LibrarySource.classpath());
    return load(source, settings);
  }

  @Override
  public IntentMatch classify(String text, MatchContext context) {
    LanguageMatcher m = matcher(context.lang());
    String cleaned = UtteranceText.clean(text);
    Map<String, String> found = entities.extract(cleaned, context.lang(), context.today());
    if (!UtteranceText.hasWords(cleaned))
      return new IntentMatch(text == null ? "" : text, OUT_OF_SCOPE, 0, List.of(), found);
    Calibration cal = calibrations.get(m.lang);
    LanguageMatcher.Gathered g =
        m.gather(
            cleaned, m.queryVector(cleaned), context.expected(), context.questionPhrases(), -1);
    return toMatch(
        text, cal.fusionModel().rank(g.evidence()), cal, found, HalfSentence.test(cleaned, m.lang));
  }

  /**
   * Loads each language's sentence encoder now (its example vectors may come from the cache, so the
   * model itself would otherwise load on the first caller's first words, seconds into a live call).
   */
  public void warmUp() {
    for (LanguageMatcher m : matchers.values()) m.vector("hello");
  }

  /**
   * The nearest examples by words and by meaning, and each intent's evidence, so a script writer
   * sees why.
   */
  public Explanation explain(String text, MatchContext context, int limit) {
    LanguageMatcher m = matcher(context.lang());
    String cleaned = UtteranceText.clean(text);
    Calibration cal = calibrations.get(m.lang);
    LanguageMatcher.Gathered g =
        UtteranceText.hasWords(cleaned)
            ? m.gather(
                cleaned, m.queryVector(cleaned), context.expected(), context.questionPhrases(), -1)
            : LanguageMatcher.Gathered.NONE;
    List<Fusion.Candidate> ranked = cal.fusionModel().rank(g.evidence());
    List<Explanation.Vote> votes = new ArrayList<>();
    for (Fusion.Candidate c : ranked) {
      LanguageMatcher.Evidence e = c.evidence();
      votes.add(
          new Explanation.Vote(
              c.intent(),
              c.score(),
              e.lexical(),
              e.share(),
              e.coverage(),
              e.semantic(),
              e.semanticShare()));
    }
    IntentMatch match =
        toMatch(
            text,
            ranked,
            cal,
            entities.extract(cleaned, context.lang(), context.today()),
            HalfSentence.test(cleaned, m.lang));
    return new Explanation(
        match,
        cal.threshold(),
        cal.endingThreshold(),
        cal.fusion(),
        m.analysis.terms(LanguageAnalysis.TEXT, cleaned, LanguageMatcher.MAX_TERMS),
        votes,
        nearest(g.lexical(), limit),
        nearest(g.semantic(), limit));
  }

  private static List<Explanation.Nearest> nearest(
      List<LanguageMatcher.Neighbour> neighbours, int limit) {
    List<Explanation.Nearest> out = new ArrayList<>();
    for (LanguageMatcher.Neighbour n : neighbours) {
      if (out.size() >= limit) break;
      out.add(
          new Explanation.Nearest(
              n.example().intent(), n.example().text(), n.example().source(), n.score()));
    }
    return out;
  }

  /** The fusion in use. */
  public Fusion.Kind fusionKind() {
    return calibrations.values().iterator().next().fusionModel().kind();
  }

  /**
   * Nested k-fold figures of every fusion candidate for a language (seconds of CPU: for `intents
   * eval --cv`, not start-up).
   */
  public List<Calibration.Comparison> compareFusions(String lang) {
    return Calibration.compare(matcher(lang), ending);
  }

  /**
   * The fusion in use on misspelt examples, the sentence vector of the text as typed and as
   * corrected (for `intents eval --cv`).
   */
  public Calibration.Misspelt compareMisspelt(String lang) {
    return Calibration.misspelt(matcher(lang), fusionKind(), ending);
  }

  /** How a language's fusion and abstain thresholds were set, with the out-of-fold figures. */
  public Calibration calibration(String lang) {
    matcher(lang);
    return calibrations.get(lang);
  }

  /** The catalogue and files this classifier was built from. */
  public IntentLibrary library() {
    return library;
  }

  /** Languages with an index. */
  public Set<String> languages() {
    return matchers.keySet();
  }

  /** Free matching with today's date, for callers that have no call context. */
  public IntentMatch classify(String text, String lang) {
    return classify(text, MatchContext.open(lang, LocalDate.now()));
  }

  /** How many distinct question phrase sets of a language are indexed (each once, then reused). */
  int cachedQuestionPhraseSets(String lang) {
    return matcher(lang).cachedPhraseSets();
  }

  LanguageMatcher matcher(String lang) {
    LanguageMatcher m = lang == null ? null : matchers.get(lang);
    if (m == null)
      throw new IllegalArgumentException(
          "unknown language '" + lang + "' (have " + matchers.keySet() + ")");
    return m;
  }

  /**
   * The answer and up to three runners-up. When the best is under its threshold the answer is
   * {@code out_of_scope} and the best leads the alternatives, so a talk track can ask "did you mean
   * ..."; an utterance near two intents thus always comes back with both. A {@link HalfSentence} is
   * always {@code out_of_scope} (its nearest intents still come back as alternatives).
   */
  private IntentMatch toMatch(
      String text,
      List<Fusion.Candidate> ranked,
      Calibration cal,
      Map<String, String> entities,
      boolean halfSentence) {
    String raw = text == null ? "" : text;
    if (ranked.isEmpty()) return new IntentMatch(raw, OUT_OF_SCOPE, 0, List.of(), entities);
    String intent = halfSentence ? OUT_OF_SCOPE : cal.decide(ranked, ending, minScores);
    List<IntentMatch.Alternative> alternatives = new ArrayList<>();
    for (Fusion.Candidate c : ranked) {
      if (alternatives.size() >= 3) break;
      if (c.intent().equals(intent)) continue;
      alternatives.add(new IntentMatch.Alternative(c.intent(), round(c.score())));
    }
    return new IntentMatch(raw, intent, round(ranked.get(0).score()), alternatives, entities);
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
