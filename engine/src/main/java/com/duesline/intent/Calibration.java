package com.duesline.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one language turns evidence into an answer: the fitted {@link Fusion} and two abstain
 * thresholds (one for intents that end contact, one for the rest). Calibrated by k-fold
 * cross-validation over all indexed examples: each example's evidence is gathered with its fold
 * left out of the index, the fusion is trained on that out-of-fold evidence, and the thresholds
 * maximise utility — right +1, asking again (abstaining on an in-scope example) 0, a wrong intent
 * −1, a wrong intent that ends contact −4 — where an {@code out_of_scope} example is right when the
 * classifier abstains. A third, calibrated the same way: how far an intent that ends contact must
 * lead the runner-up. {@link HalfSentence}s are answered out_of_scope before fusion, here as in
 * classify. Held-out files play no part.
 */
public final class Calibration {
  static final double RIGHT = 1;
  static final double WRONG = -1;

  /**
   * A false stop_contact, attorney or bereavement ends contact with someone who owes and meant
   * something else.
   */
  static final double WRONG_ENDING = -4;

  private static final int GRID = 400;

  /**
   * Tallies of answers on labelled examples. {@code abstained} counts in-scope examples answered
   * out_of_scope.
   */
  public record Outcome(
      int examples,
      int inScope,
      int right,
      int abstained,
      int wrong,
      int wrongEnding,
      int outOfScope,
      int outOfScopeRight,
      double utility) {
    /** Right answers (an out_of_scope example is right when abstained on) over all examples. */
    public double accuracy() {
      return examples == 0 ? Double.NaN : (double) (right + outOfScopeRight) / examples;
    }

    /** Share of meaningful (in-scope) examples answered out_of_scope. */
    public double abstentionRate() {
      return inScope == 0 ? Double.NaN : (double) abstained / inScope;
    }

    Outcome plus(Outcome o) {
      return new Outcome(
          examples + o.examples,
          inScope + o.inScope,
          right + o.right,
          abstained + o.abstained,
          wrong + o.wrong,
          wrongEnding + o.wrongEnding,
          outOfScope + o.outOfScope,
          outOfScopeRight + o.outOfScopeRight,
          utility + o.utility);
    }

    static final Outcome ZERO = new Outcome(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * One fusion candidate's figures under nested cross-validation (fusion and thresholds fitted on
   * the other folds).
   */
  public record Comparison(
      Fusion.Kind kind,
      String fitted,
      double threshold,
      double endingThreshold,
      double endingMargin,
      Outcome outcome,
      List<Miss> misses) {}

  /** An example answered wrongly (or abstained on) when its fold was left out. */
  public record Miss(IntentExample example, String predicted, double score) {}

  private final Fusion fusion;
  private final double threshold;
  private final double endingThreshold;
  private final double endingMargin;
  private final boolean calibrated;
  private final int examples;
  private final Outcome outOfFold;

  private Calibration(
      Fusion fusion, double[] cut, boolean calibrated, int examples, Outcome outOfFold) {
    this.fusion = fusion;
    this.threshold = cut[0];
    this.endingThreshold = cut[1];
    this.endingMargin = cut[2];
    this.calibrated = calibrated;
    this.examples = examples;
    this.outOfFold = outOfFold;
  }

  /** The abstain threshold of intents that do not end contact. */
  public double threshold() {
    return threshold;
  }

  /** The abstain threshold of intents that end contact (at least {@link #threshold()}). */
  public double endingThreshold() {
    return endingThreshold;
  }

  /**
   * How far an intent that ends contact must lead the runner-up to be answered (0: no such rule): a
   * caller near both "stop calling" and "call me later" is asked again rather than never called
   * again.
   */
  public double endingMargin() {
    return endingMargin;
  }

  /** False when a fixed threshold was configured. */
  public boolean calibrated() {
    return calibrated;
  }

  /** Indexed examples calibrated on. */
  public int examples() {
    return examples;
  }

  /**
   * The answers on the examples with their fold left out, with this fusion and these thresholds.
   */
  public Outcome outOfFold() {
    return outOfFold;
  }

  /** The fitted fusion, described. */
  public String fusion() {
    return fusion.describe();
  }

  Fusion fusionModel() {
    return fusion;
  }

  /**
   * Fits {@code kind} and the thresholds on every example's out-of-fold evidence; a fixed threshold
   * replaces both thresholds.
   */
  static Calibration fit(
      LanguageMatcher m, Fusion.Kind kind, Optional<Double> fixed, Set<String> ending) {
    List<Fusion.Trial> trials = outOfFoldTrials(m);
    Fusion fusion = Fusion.fit(kind, trials);
    List<Scored> scored = score(fusion, trials);
    double[] t = fixed.map(v -> new double[] {v, v, 0}).orElseGet(() -> thresholds(scored, ending));
    return new Calibration(fusion, t, fixed.isEmpty(), trials.size(), outcome(scored, t, ending));
  }

  /**
   * Nested k-fold figures of every fusion candidate: each fold is answered by a fusion and
   * thresholds fitted on the others.
   */
  static List<Comparison> compare(LanguageMatcher m, Set<String> ending) {
    List<Fusion.Trial> trials = outOfFoldTrials(m);
    List<Comparison> out = new ArrayList<>();
    for (Fusion.Kind kind : Fusion.Kind.values()) {
      Outcome total = Outcome.ZERO;
      List<Miss> misses = new ArrayList<>();
      for (int fold = 0; fold < ExampleIndex.FOLDS; fold++) {
        List<Fusion.Trial> train = new ArrayList<>();
        List<Fusion.Trial> test = new ArrayList<>();
        List<Integer> testIds = new ArrayList<>();
        for (int id = 0; id < trials.size(); id++) {
          if (id % ExampleIndex.FOLDS == fold) {
            test.add(trials.get(id));
            testIds.add(id);
          } else {
            train.add(trials.get(id));
          }
        }
        Fusion f = Fusion.fit(kind, train);
        double[] t = thresholds(score(f, train), ending);
        List<Scored> answered = score(f, test);
        total = total.plus(outcome(answered, t, ending));
        for (int i = 0; i < answered.size(); i++) {
          Scored sc = answered.get(i);
          String predicted = decide(sc.ranked(), t, ending, Map.of());
          if (!predicted.equals(sc.gold())) {
            misses.add(
                new Miss(
                    m.index.examples.get(testIds.get(i)),
                    predicted,
                    sc.ranked().isEmpty() ? 0 : sc.ranked().get(0).score()));
          }
        }
      }
      Fusion all = Fusion.fit(kind, trials);
      double[] t = thresholds(score(all, trials), ending);
      out.add(new Comparison(kind, all.describe(), t[0], t[1], t[2], total, misses));
    }
    return out;
  }

  /**
   * Out-of-fold answers on misspelt examples, the sentence vector taken of the text as typed and as
   * corrected.
   */
  public record Misspelt(int examples, Outcome asTyped, Outcome corrected) {}

  /**
   * Nested k-fold figures of {@code kind} on a misspelt copy of every example (its longest word of
   * five or more letters loses its middle letter, "attorney" → "attoney"; examples where that makes
   * a known word are left out): the lexical side corrects the word either way; the sentence vector
   * is taken of the misspelt text, or of the text {@link LanguageMatcher#spelled} corrected. The
   * fusion and thresholds of each fold are fitted on the other folds' clean examples. The
   * correction's vocabulary holds every example's words, the answered one's too, so this measures a
   * misspelling of a word the examples use (the case the correction is for), not of unseen words.
   */
  static Misspelt misspelt(LanguageMatcher m, Fusion.Kind kind, Set<String> ending) {
    List<Fusion.Trial> clean = outOfFoldTrials(m);
    List<Fusion.Trial> typed = new ArrayList<>();
    List<Fusion.Trial> corrected = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < m.index.size(); id++) {
      IntentExample ex = m.index.examples.get(id);
      String text = misspell(UtteranceText.clean(ex.text()).toLowerCase(java.util.Locale.ROOT), m);
      if (text == null) continue;
      int fold = id % ExampleIndex.FOLDS;
      boolean half = HalfSentence.test(text, m.lang);
      typed.add(
          new Fusion.Trial(
              ex.intent(),
              half
                  ? List.of()
                  : m.gather(text, m.vector(text), Set.of(), Map.of(), fold).evidence()));
      corrected.add(
          new Fusion.Trial(
              ex.intent(),
              half
                  ? List.of()
                  : m.gather(text, m.vector(m.spelled(text)), Set.of(), Map.of(), fold)
                      .evidence()));
      ids.add(id);
    }
    Outcome a = Outcome.ZERO;
    Outcome b = Outcome.ZERO;
    for (int fold = 0; fold < ExampleIndex.FOLDS; fold++) {
      List<Fusion.Trial> train = new ArrayList<>();
      for (int id = 0; id < clean.size(); id++)
        if (id % ExampleIndex.FOLDS != fold) train.add(clean.get(id));
      Fusion f = Fusion.fit(kind, train);
      double[] t = thresholds(score(f, train), ending);
      List<Fusion.Trial> ta = new ArrayList<>();
      List<Fusion.Trial> tb = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (ids.get(i) % ExampleIndex.FOLDS != fold) continue;
        ta.add(typed.get(i));
        tb.add(corrected.get(i));
      }
      a = a.plus(outcome(score(f, ta), t, ending));
      b = b.plus(outcome(score(f, tb), t, ending));
    }
    return new Misspelt(ids.size(), a, b);
  }

  /**
   * The text with its longest word of five or more letters missing its middle letter, or null
   * (none, or that is a known word).
   */
  private static String misspell(String text, LanguageMatcher m) {
    java.util.regex.Matcher w = java.util.regex.Pattern.compile("[a-z]{5,}").matcher(text);
    int start = -1;
    int end = -1;
    while (w.find()) {
      if (w.end() - w.start() > end - start) {
        start = w.start();
        end = w.end();
      }
    }
    if (start < 0) return null;
    String word = text.substring(start, end);
    int mid = word.length() / 2;
    String typo = word.substring(0, mid) + word.substring(mid + 1);
    if (m.knowsWord(typo)) return null;
    return text.substring(0, start) + typo + text.substring(end);
  }

  /**
   * The answer for ranked candidates: the best, unless its confidence is under its threshold (or
   * min-score).
   */
  String decide(List<Fusion.Candidate> ranked, Set<String> ending, Map<String, Double> minScores) {
    return decide(
        ranked, new double[] {threshold, endingThreshold, endingMargin}, ending, minScores);
  }

  /** {@code cut}: {general threshold, ending threshold, ending margin}. */
  private static String decide(
      List<Fusion.Candidate> ranked,
      double[] cut,
      Set<String> ending,
      Map<String, Double> minScores) {
    if (ranked.isEmpty()) return IntentClassifier.OUT_OF_SCOPE;
    Fusion.Candidate best = ranked.get(0);
    boolean ends = ending.contains(best.intent());
    double needed = ends ? Math.max(cut[0], cut[1]) : cut[0];
    needed = Math.max(needed, minScores.getOrDefault(best.intent(), 0.0));
    if (best.score() < needed) return IntentClassifier.OUT_OF_SCOPE;
    if (ends && best.score() - runnerUp(ranked) < cut[2]) return IntentClassifier.OUT_OF_SCOPE;
    return best.intent();
  }

  private static double runnerUp(List<Fusion.Candidate> ranked) {
    return ranked.size() > 1 ? ranked.get(1).score() : 0;
  }

  /**
   * Each example classified with its own fold left out of the index (lexical and vector search
   * alike).
   */
  private static List<Fusion.Trial> outOfFoldTrials(LanguageMatcher m) {
    List<Fusion.Trial> trials = new ArrayList<>(m.index.size());
    for (int id = 0; id < m.index.size(); id++) {
      IntentExample ex = m.index.examples.get(id);
      String cleaned = UtteranceText.clean(ex.text());
      if (HalfSentence.test(cleaned, m.lang)) {
        // Answered out_of_scope before fusion, as classify does: no evidence, so no candidate.
        trials.add(new Fusion.Trial(ex.intent(), List.of()));
        continue;
      }
      LanguageMatcher.Gathered g =
          m.gather(cleaned, m.index.vectors[id], Set.of(), Map.of(), id % ExampleIndex.FOLDS);
      trials.add(new Fusion.Trial(ex.intent(), g.evidence()));
    }
    return trials;
  }

  private record Scored(String gold, List<Fusion.Candidate> ranked) {}

  private static List<Scored> score(Fusion f, List<Fusion.Trial> trials) {
    List<Scored> out = new ArrayList<>(trials.size());
    for (Fusion.Trial t : trials) out.add(new Scored(t.gold(), f.rank(t.evidence())));
    return out;
  }

  /**
   * The utility-maximising cut: {general threshold, ending threshold ≥ general, ending margin}. The
   * margin (how far an intent that ends contact must lead the runner-up) is chosen last, on the
   * answers that pass the ending threshold, in steps of 0.01 up to 0.5; ties keep the smaller
   * margin.
   */
  private static double[] thresholds(List<Scored> scored, Set<String> ending) {
    double bestT = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= GRID; i++) {
      double t = (double) i / GRID;
      double u = 0;
      for (Scored s : scored) {
        if (s.ranked().isEmpty() || ending.contains(s.ranked().get(0).intent())) continue;
        u +=
            utility(
                s.gold(),
                s.ranked().get(0).score() < t
                    ? IntentClassifier.OUT_OF_SCOPE
                    : s.ranked().get(0).intent(),
                ending);
      }
      if (u > best) {
        best = u;
        bestT = t;
      }
    }
    double bestEnd = bestT;
    best = Double.NEGATIVE_INFINITY;
    for (int i = (int) Math.round(bestT * GRID); i <= GRID; i++) {
      double t = (double) i / GRID;
      double u = 0;
      for (Scored s : scored) {
        if (s.ranked().isEmpty() || !ending.contains(s.ranked().get(0).intent())) continue;
        u +=
            utility(
                s.gold(),
                s.ranked().get(0).score() < t
                    ? IntentClassifier.OUT_OF_SCOPE
                    : s.ranked().get(0).intent(),
                ending);
      }
      if (u > best) {
        best = u;
        bestEnd = t;
      }
    }
    double bestMargin = 0;
    best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= 50; i++) {
      double margin = i / 100.0;
      double u = 0;
      for (Scored s : scored) {
        if (s.ranked().isEmpty()
            || !ending.contains(s.ranked().get(0).intent())
            || s.ranked().get(0).score() < bestEnd) continue;
        boolean abstain = s.ranked().get(0).score() - runnerUp(s.ranked()) < margin;
        u +=
            utility(
                s.gold(),
                abstain ? IntentClassifier.OUT_OF_SCOPE : s.ranked().get(0).intent(),
                ending);
      }
      if (u > best) {
        best = u;
        bestMargin = margin;
      }
    }
    return new double[] {bestT, bestEnd, bestMargin};
  }

  private static Outcome outcome(List<Scored> scored, double[] cut, Set<String> ending) {
    int inScope = 0, right = 0, abstained = 0, wrong = 0, wrongEnding = 0, oos = 0, oosRight = 0;
    double utility = 0;
    for (Scored s : scored) {
      String predicted = decide(s.ranked(), cut, ending, Map.of());
      utility += utility(s.gold(), predicted, ending);
      boolean abstain = predicted.equals(IntentClassifier.OUT_OF_SCOPE);
      if (s.gold().equals(IntentClassifier.OUT_OF_SCOPE)) {
        oos++;
        if (abstain) oosRight++;
        else if (ending.contains(predicted)) wrongEnding++;
        continue;
      }
      inScope++;
      if (predicted.equals(s.gold())) right++;
      else if (abstain) abstained++;
      else {
        wrong++;
        if (ending.contains(predicted)) wrongEnding++;
      }
    }
    return new Outcome(
        scored.size(), inScope, right, abstained, wrong, wrongEnding, oos, oosRight, utility);
  }

  private static double utility(String gold, String predicted, Set<String> ending) {
    boolean abstain = predicted.equals(IntentClassifier.OUT_OF_SCOPE);
    if (predicted.equals(gold)) return RIGHT;
    if (abstain) return 0;
    return ending.contains(predicted) ? WRONG_ENDING : WRONG;
  }
}
