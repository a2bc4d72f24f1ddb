package com.duesline.intent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy of a classifier on labelled utterances: overall, per intent (precision, recall) and the
 * confusions.
 */
public record IntentEvaluation(
    int total,
    int correct,
    int meaningful,
    int abstained,
    Map<String, PerIntent> perIntent,
    List<Confusion> confusions,
    List<Miss> misses) {
  /** Precision and recall of one intent; NaN when undefined (never predicted / never gold). */
  public record PerIntent(String intent, int truePositives, int predicted, int gold) {
    public double precision() {
      return predicted == 0 ? Double.NaN : (double) truePositives / predicted;
    }

    public double recall() {
      return gold == 0 ? Double.NaN : (double) truePositives / gold;
    }
  }

  /** How often utterances whose gold was {@code gold} were classified as {@code predicted}. */
  public record Confusion(String gold, String predicted, int count) {}

  /** One wrong answer, for a script writer to look at. */
  public record Miss(LabelledUtterance utterance, IntentMatch match) {}

  /**
   * Share of meaningful utterances (gold not out_of_scope) answered out_of_scope: each one is a
   * "sorry, say that again".
   */
  public double abstentionRate() {
    return meaningful == 0 ? Double.NaN : (double) abstained / meaningful;
  }

  /** Share of utterances whose predicted intent is among the acceptable ones. */
  public double accuracy() {
    return total == 0 ? Double.NaN : (double) correct / total;
  }

  /**
   * Classifies every utterance freely (no question scoping) in {@code lang} and tallies the
   * results.
   */
  public static IntentEvaluation run(
      IntentClassifier classifier, String lang, List<LabelledUtterance> set, LocalDate today) {
    List<IntentMatch> matches = new ArrayList<>(set.size());
    MatchContext context = MatchContext.open(lang, today);
    for (LabelledUtterance u : set) matches.add(classifier.classify(u.text(), context));
    return tally(set, matches);
  }

  /**
   * Tallies given answers, one per utterance in order (e.g. answers to what a recogniser heard of
   * each).
   */
  public static IntentEvaluation tally(List<LabelledUtterance> set, List<IntentMatch> matches) {
    if (set.size() != matches.size())
      throw new IllegalArgumentException(
          set.size() + " utterances but " + matches.size() + " answers");
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, Integer> confusion = new TreeMap<>();
    List<Miss> misses = new ArrayList<>();
    int correct = 0;
    int meaningful = 0;
    int abstained = 0;
    for (int i = 0; i < set.size(); i++) {
      LabelledUtterance u = set.get(i);
      IntentMatch m = matches.get(i);
      String predicted = m.intent();
      if (!u.gold().contains(IntentClassifier.OUT_OF_SCOPE)) {
        meaningful++;
        if (predicted.equals(IntentClassifier.OUT_OF_SCOPE)) abstained++;
      }
      boolean right = u.gold().contains(predicted);
      // The first gold intent is the one credited or missed; the others are merely acceptable.
      String gold = right ? predicted : u.gold().iterator().next();
      counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
      counts.computeIfAbsent(gold, k -> new int[3])[2]++;
      if (right) {
        correct++;
        counts.get(predicted)[0]++;
      } else {
        confusion.merge(gold + "\u0000" + predicted, 1, Integer::sum);
        misses.add(new Miss(u, m));
      }
    }
    Map<String, PerIntent> per = new TreeMap<>();
    counts.forEach((k, v) -> per.put(k, new PerIntent(k, v[0], v[1], v[2])));
    List<Confusion> pairs = new ArrayList<>();
    confusion.forEach(
        (k, v) -> {
          String[] p = k.split("\u0000");
          pairs.add(new Confusion(p[0], p[1], v));
        });
    pairs.sort(Comparator.comparingInt(Confusion::count).reversed().thenComparing(Confusion::gold));
    return new IntentEvaluation(set.size(), correct, meaningful, abstained, per, pairs, misses);
  }
}
