package com.duesline.intent;

import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
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
 * The intent classifier: per language, an in-memory Lucene index of the library's examples built once
 * at start-up and searched by every call (BM25 nearest examples, vote per intent, calibrated abstain
 * threshold → {@code out_of_scope}), plus entity extraction. Thread-safe; create one and share it.
 */
public final class LuceneIntentClassifier implements IntentClassifier {
  /** Neighbours voting when nothing else is said: enough to outvote one odd example, few enough to stay local. */
  public static final int DEFAULT_NEIGHBOURS = 10;

  private final IntentLibrary library;
  private final Map<String, Double> minScores;
  private final Map<String, LanguageMatcher> matchers = new LinkedHashMap<>();
  private final Map<String, Calibration> calibrations = new LinkedHashMap<>();
  private final EntityExtractor entities;

  /** How many neighbours vote, an abstain threshold that replaces the calibrated one when present, and when payday is. */
  public record Settings(int neighbours, Optional<Double> abstainThreshold, Payday payday) {
    public Settings {
      Objects.requireNonNull(payday, "payday");
      if (neighbours < 1) throw new IllegalArgumentException("neighbours must be at least 1, got " + neighbours);
      abstainThreshold.ifPresent(t -> {
        if (t < 0 || t > 1) throw new IllegalArgumentException("abstain threshold must be within 0..1, got " + t);
      });
    }

    /** Calibrated threshold, {@link #DEFAULT_NEIGHBOURS} neighbours. */
    public static Settings defaults() {
      return new Settings(DEFAULT_NEIGHBOURS, Optional.empty(), Payday.semiMonthly());
    }
  }

  private LuceneIntentClassifier(IntentLibrary library, Settings settings) {
    this.library = library;
    this.minScores = library.intents().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(IntentDefinition::name, IntentDefinition::minScore));
    this.entities = new EntityExtractor(settings.payday());
    // Languages are independent: index and calibrate them in parallel, then keep catalogue order.
    record Built(LanguageMatcher matcher, Calibration calibration) {}
    List<Built> built = library.languages().parallelStream().map(lang -> {
      LanguageMatcher m = new LanguageMatcher(library, lang, settings.neighbours());
      Calibration c = settings.abstainThreshold().map(t -> Calibration.fixed(m, t)).orElseGet(() -> Calibration.leaveOneOut(m));
      return new Built(m, c);
    }).toList();
    for (Built b : built) {
      matchers.put(b.matcher().lang, b.matcher());
      calibrations.put(b.matcher().lang, b.calibration());
    }
  }

  /** Loads the library shipped on the classpath ({@code library/intents/} of the scripts-library jar). */
  public static LuceneIntentClassifier fromLibrary() {
    return load(LibrarySource.classpath(), Settings.defaults());
  }

  /** Loads a library directory: the intents directory itself or a library root holding {@code intents/}. */
  public static LuceneIntentClassifier fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) throw new IntentLibraryException(dir + ": not a directory");
    return load(LibrarySource.directory(dir), Settings.defaults());
  }

  /** Loads from any source with explicit settings. */
  public static LuceneIntentClassifier load(LibrarySource source, Settings settings) {
    return new LuceneIntentClassifier(IntentLibrary.load(source), settings);
  }

  /**
   * Loads as configured: {@code intents.library-dir} (blank: classpath), {@code intents.neighbours},
   * {@code intents.abstain-threshold} (blank: calibrated), {@code intents.payday} ("15,last").
   */
  public static LuceneIntentClassifier fromConfig(DueslineConfig config) {
    Optional<Double> threshold = config.optional("intents.abstain-threshold").map(v -> config.getDouble("intents.abstain-threshold"));
    Payday payday;
    try {
      payday = Payday.parse(config.get("intents.payday"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("intents.payday: " + e.getMessage());
    }
    Settings settings = new Settings(config.getInt("intents.neighbours"), threshold, payday);
    LibrarySource source = config.optional("intents.library-dir").map(d -> LibrarySource.directory(Path.of(d))).orElse(LibrarySource.classpath());
    return load(source, settings);
  }

  @Override
  public IntentMatch classify(String text, MatchContext context) {
    LanguageMatcher m = matcher(context.lang());
    String cleaned = UtteranceText.clean(text);
    Map<String, String> found = entities.extract(cleaned, context.lang(), context.today());
    if (!UtteranceText.hasWords(cleaned)) return new IntentMatch(text == null ? "" : text, OUT_OF_SCOPE, 0, List.of(), found);
    LanguageMatcher.Decision d = m.decide(cleaned, context.expected(), context.questionPhrases(), -1);
    return toMatch(text, d, calibrations.get(m.lang).threshold(), minScores, found);
  }

  /** The nearest examples to an utterance with their BM25 scores, and the match, so a script writer sees why. */
  public Explanation explain(String text, MatchContext context, int limit) {
    LanguageMatcher m = matcher(context.lang());
    String cleaned = UtteranceText.clean(text);
    LanguageMatcher.Decision d = UtteranceText.hasWords(cleaned)
        ? m.decide(cleaned, context.expected(), context.questionPhrases(), -1)
        : new LanguageMatcher.Decision(List.of(), List.of());
    List<Explanation.Nearest> nearest = new ArrayList<>();
    for (LanguageMatcher.Neighbour n : d.neighbours()) {
      if (nearest.size() >= limit) break;
      nearest.add(new Explanation.Nearest(n.example().intent(), n.example().text(), n.example().source(), n.score()));
    }
    List<Explanation.Vote> votes = new ArrayList<>();
    for (LanguageMatcher.Candidate c : d.ranked()) votes.add(new Explanation.Vote(c.intent(), c.score(), c.share(), c.coverage()));
    double threshold = calibrations.get(m.lang).threshold();
    IntentMatch match = toMatch(text, d, threshold, minScores, entities.extract(cleaned, context.lang(), context.today()));
    return new Explanation(match, threshold, m.analysis.terms(LanguageAnalysis.TEXT, cleaned, LanguageMatcher.MAX_TERMS), votes, nearest);
  }

  /** How the abstain threshold of a language was set (and, if calibrated, the leave-one-out accuracy). */
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

  private LanguageMatcher matcher(String lang) {
    LanguageMatcher m = lang == null ? null : matchers.get(lang);
    if (m == null) throw new IllegalArgumentException("unknown language '" + lang + "' (have " + matchers.keySet() + ")");
    return m;
  }

  static IntentMatch toMatch(String text, LanguageMatcher.Decision d, double threshold, Map<String, Double> minScores,
      Map<String, String> entities) {
    String raw = text == null ? "" : text;
    if (d.ranked().isEmpty()) return new IntentMatch(raw, OUT_OF_SCOPE, 0, List.of(), entities);
    LanguageMatcher.Candidate best = d.ranked().get(0);
    boolean abstain = best.score() < Math.max(threshold, minScores.getOrDefault(best.intent(), 0.0));
    String intent = abstain ? OUT_OF_SCOPE : best.intent();
    List<IntentMatch.Alternative> alternatives = new ArrayList<>();
    for (LanguageMatcher.Candidate c : d.ranked()) {
      if (alternatives.size() >= 3) break;
      if (c.intent().equals(intent)) continue;
      alternatives.add(new IntentMatch.Alternative(c.intent(), round(c.score())));
    }
    return new IntentMatch(raw, intent, round(best.score()), alternatives, entities);
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
