package com.duesline.intent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Accuracy of a classifier on labelled utterances: overall, per intent (precision, recall) and the confusions. */
public record IntentEvaluation(int total, int correct, Map<String, PerIntent> perIntent, List<Confusion> confusions, List<Miss> misses) {
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

  /** Share of utterances whose predicted intent is among the acceptable ones. */
  public double accuracy() {
    return total == 0 ? Double.NaN : (double) correct / total;
  }

  /** Classifies every utterance freely (no question scoping) in {@code lang} and tallies the results. */
  public static IntentEvaluation run(IntentClassifier classifier, String lang, List<LabelledUtterance> set, LocalDate today) {
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, Integer> confusion = new TreeMap<>();
    List<Miss> misses = new ArrayList<>();
    int correct = 0;
    MatchContext context = MatchContext.open(lang, today);
    for (LabelledUtterance u : set) {
      IntentMatch m = classifier.classify(u.text(), context);
      String predicted = m.intent();
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
    confusion.forEach((k, v) -> {
      String[] p = k.split("\u0000");
      pairs.add(new Confusion(p[0], p[1], v));
    });
    pairs.sort(Comparator.comparingInt(Confusion::count).reversed().thenComparing(Confusion::gold));
    return new IntentEvaluation(set.size(), correct, per, pairs, misses);
  }
}
