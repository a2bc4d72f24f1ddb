package com.duesline.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one language turns evidence into an answer: the fitted {@link Fusion} and two abstain thresholds
 * (one for intents that end contact, one for the rest). Calibrated by k-fold cross-validation over all
 * indexed examples: each example's evidence is gathered with its fold left out of the index, the fusion
 * is trained on that out-of-fold evidence, and the thresholds maximise utility — right +1, asking again
 * (abstaining on an in-scope example) 0, a wrong intent −1, a wrong intent that ends contact −4 — where an
 * {@code out_of_scope} example is right when the classifier abstains. Held-out files play no part.
 */
public final class Calibration {
  static final double RIGHT = 1;
  static final double WRONG = -1;
  /** A false stop_contact, attorney or bereavement ends contact with someone who owes and meant something else. */
  static final double WRONG_ENDING = -4;
  private static final int GRID = 400;

  /** Tallies of answers on labelled examples. {@code abstained} counts in-scope examples answered out_of_scope. */
  public record Outcome(int examples, int inScope, int right, int abstained, int wrong, int wrongEnding, int outOfScope,
      int outOfScopeRight, double utility) {
    /** Right answers (an out_of_scope example is right when abstained on) over all examples. */
    public double accuracy() {
      return examples == 0 ? Double.NaN : (double) (right + outOfScopeRight) / examples;
    }

    /** Share of meaningful (in-scope) examples answered out_of_scope. */
    public double abstentionRate() {
      return inScope == 0 ? Double.NaN : (double) abstained / inScope;
    }

    Outcome plus(Outcome o) {
      return new Outcome(examples + o.examples, inScope + o.inScope, right + o.right, abstained + o.abstained, wrong + o.wrong,
          wrongEnding + o.wrongEnding, outOfScope + o.outOfScope, outOfScopeRight + o.outOfScopeRight, utility + o.utility);
    }

    static final Outcome ZERO = new Outcome(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** One fusion candidate's figures under nested cross-validation (fusion and thresholds fitted on the other folds). */
  public record Comparison(Fusion.Kind kind, String fitted, double threshold, double endingThreshold, Outcome outcome, List<Miss> misses) {}

  /** An example answered wrongly (or abstained on) when its fold was left out. */
  public record Miss(IntentExample example, String predicted, double score) {}

  private final Fusion fusion;
  private final double threshold;
  private final double endingThreshold;
  private final boolean calibrated;
  private final int examples;
  private final Outcome outOfFold;

  private Calibration(Fusion fusion, double threshold, double endingThreshold, boolean calibrated, int examples, Outcome outOfFold) {
    this.fusion = fusion;
    this.threshold = threshold;
    this.endingThreshold = endingThreshold;
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

  /** False when a fixed threshold was configured. */
  public boolean calibrated() {
    return calibrated;
  }

  /** Indexed examples calibrated on. */
  public int examples() {
    return examples;
  }

  /** The answers on the examples with their fold left out, with this fusion and these thresholds. */
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

  /** Fits {@code kind} and the thresholds on every example's out-of-fold evidence; a fixed threshold replaces both thresholds. */
  static Calibration fit(LanguageMatcher m, Fusion.Kind kind, Optional<Double> fixed, Set<String> ending) {
    List<Fusion.Trial> trials = outOfFoldTrials(m);
    Fusion fusion = Fusion.fit(kind, trials);
    List<Scored> scored = score(fusion, trials);
    double[] t = fixed.map(v -> new double[] {v, v}).orElseGet(() -> thresholds(scored, ending));
    return new Calibration(fusion, t[0], t[1], fixed.isEmpty(), trials.size(), outcome(scored, t[0], t[1], ending));
  }

  /** Nested k-fold figures of every fusion candidate: each fold is answered by a fusion and thresholds fitted on the others. */
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
        total = total.plus(outcome(answered, t[0], t[1], ending));
        for (int i = 0; i < answered.size(); i++) {
          Scored sc = answered.get(i);
          String predicted = decide(sc.ranked(), t[0], t[1], ending, Map.of());
          if (!predicted.equals(sc.gold())) {
            misses.add(new Miss(m.index.examples.get(testIds.get(i)), predicted, sc.ranked().isEmpty() ? 0 : sc.ranked().get(0).score()));
          }
        }
      }
      Fusion all = Fusion.fit(kind, trials);
      double[] t = thresholds(score(all, trials), ending);
      out.add(new Comparison(kind, all.describe(), t[0], t[1], total, misses));
    }
    return out;
  }

  /** The answer for ranked candidates: the best, unless its confidence is under its threshold (or min-score). */
  String decide(List<Fusion.Candidate> ranked, Set<String> ending, Map<String, Double> minScores) {
    return decide(ranked, threshold, endingThreshold, ending, minScores);
  }

  private static String decide(List<Fusion.Candidate> ranked, double threshold, double endingThreshold, Set<String> ending,
      Map<String, Double> minScores) {
    if (ranked.isEmpty()) return IntentClassifier.OUT_OF_SCOPE;
    Fusion.Candidate best = ranked.get(0);
    double needed = ending.contains(best.intent()) ? Math.max(threshold, endingThreshold) : threshold;
    needed = Math.max(needed, minScores.getOrDefault(best.intent(), 0.0));
    return best.score() < needed ? IntentClassifier.OUT_OF_SCOPE : best.intent();
  }

  /** Each example classified with its own fold left out of the index (lexical and vector search alike). */
  private static List<Fusion.Trial> outOfFoldTrials(LanguageMatcher m) {
    List<Fusion.Trial> trials = new ArrayList<>(m.index.size());
    for (int id = 0; id < m.index.size(); id++) {
      IntentExample ex = m.index.examples.get(id);
      LanguageMatcher.Gathered g = m.gather(UtteranceText.clean(ex.text()), m.index.vectors[id], Set.of(), Map.of(), id % ExampleIndex.FOLDS);
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

  /** The utility-maximising thresholds: {general, ending}, ending ≥ general. */
  private static double[] thresholds(List<Scored> scored, Set<String> ending) {
    double bestT = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i <= GRID; i++) {
      double t = (double) i / GRID;
      double u = 0;
      for (Scored s : scored) {
        if (s.ranked().isEmpty() || ending.contains(s.ranked().get(0).intent())) continue;
        u += utility(s.gold(), s.ranked().get(0).score() < t ? IntentClassifier.OUT_OF_SCOPE : s.ranked().get(0).intent(), ending);
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
        u += utility(s.gold(), s.ranked().get(0).score() < t ? IntentClassifier.OUT_OF_SCOPE : s.ranked().get(0).intent(), ending);
      }
      if (u > best) {
        best = u;
        bestEnd = t;
      }
    }
    return new double[] {bestT, bestEnd};
  }

  private static Outcome outcome(List<Scored> scored, double threshold, double endingThreshold, Set<String> ending) {
    int inScope = 0, right = 0, abstained = 0, wrong = 0, wrongEnding = 0, oos = 0, oosRight = 0;
    double utility = 0;
    for (Scored s : scored) {
      String predicted = decide(s.ranked(), threshold, endingThreshold, ending, Map.of());
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
    return new Outcome(scored.size(), inScope, right, abstained, wrong, wrongEnding, oos, oosRight, utility);
  }

  private static double utility(String gold, String predicted, Set<String> ending) {
    boolean abstain = predicted.equals(IntentClassifier.OUT_OF_SCOPE);
    if (predicted.equals(gold)) return RIGHT;
    if (abstain) return 0;
    return ending.contains(predicted) ? WRONG_ENDING : WRONG;
  }
}
