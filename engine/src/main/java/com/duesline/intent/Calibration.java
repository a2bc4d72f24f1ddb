package com.duesline.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The abstain threshold of one language. Calibrated by leave-one-out over the indexed examples:
 * each example is classified against all the others, and the threshold is the cut between two
 * scores that maximises utility (right +1, abstaining on an in-scope example 0, a wrong intent -1),
 * where an {@code out_of_scope} example is right when the classifier abstains or votes out_of_scope.
 * No held-out data is used, so held-out accuracy stays honest.
 */
public record Calibration(double threshold, boolean calibrated, int examples, double leaveOneOutAccuracy) {
  static Calibration fixed(LanguageMatcher m, double threshold) {
    return new Calibration(threshold, false, m.index.size(), Double.NaN);
  }

  static Calibration leaveOneOut(LanguageMatcher m) {
    record Trial(boolean outOfScope, String predicted, double score) {}
    List<Trial> trials = new ArrayList<>();
    for (int id = 0; id < m.index.size(); id++) {
      IntentExample ex = m.index.examples.get(id);
      LanguageMatcher.Decision d = m.decide(UtteranceText.clean(ex.text()), Set.of(), Map.of(), id);
      boolean oos = ex.intent().equals(IntentClassifier.OUT_OF_SCOPE);
      if (d.ranked().isEmpty()) {
        trials.add(new Trial(oos, IntentClassifier.OUT_OF_SCOPE, 0));
        continue;
      }
      LanguageMatcher.Candidate best = d.ranked().get(0);
      boolean right = best.intent().equals(ex.intent());
      // In-scope examples are "right", "wrong", or already "out_of_scope" (an abstention whatever the threshold).
      String outcome = right ? "right" : best.intent().equals(IntentClassifier.OUT_OF_SCOPE) ? IntentClassifier.OUT_OF_SCOPE : "wrong";
      trials.add(new Trial(oos, oos ? best.intent() : outcome, best.score()));
    }
    trials.sort(Comparator.comparingDouble(Trial::score));
    // Utility of each outcome: right +1, asking again (abstaining on an in-scope example) 0, acting on
    // a wrong intent -1: on a live call a wrong action costs more than "sorry, could you say that again".
    // Cutting before trial k makes trials 0..k-1 abstain. Only cuts between different scores are possible.
    int n = trials.size();
    int utility = 0;
    int correct = 0;
    for (Trial t : trials) {
      utility += utility(t.outOfScope, t.predicted);
      if (t.outOfScope ? t.predicted.equals(IntentClassifier.OUT_OF_SCOPE) : t.predicted.equals("right")) correct++;
    }
    int best = utility;
    int bestCut = 0;
    int bestCorrect = correct;
    for (int k = 1; k <= n; k++) {
      Trial t = trials.get(k - 1);
      boolean before = t.outOfScope ? t.predicted.equals(IntentClassifier.OUT_OF_SCOPE) : t.predicted.equals("right");
      utility += utility(t.outOfScope, IntentClassifier.OUT_OF_SCOPE) - utility(t.outOfScope, t.predicted);
      correct += (t.outOfScope ? 1 : 0) - (before ? 1 : 0);
      if (k < n && trials.get(k).score == t.score) continue;
      if (utility > best) {
        best = utility;
        bestCut = k;
        bestCorrect = correct;
      }
    }
    double threshold;
    if (bestCut == 0) {
      threshold = 0;
    } else if (bestCut == n) {
      threshold = Math.nextUp(trials.get(n - 1).score);
    } else {
      threshold = (trials.get(bestCut - 1).score + trials.get(bestCut).score) / 2;
    }
    return new Calibration(threshold, true, n, n == 0 ? Double.NaN : (double) bestCorrect / n);
  }

  /** Right +1, an in-scope abstention 0, a wrong intent -1. */
  private static int utility(boolean outOfScope, String predicted) {
    boolean abstained = predicted.equals(IntentClassifier.OUT_OF_SCOPE);
    if (outOfScope) return abstained ? 1 : -1;
    return predicted.equals("right") ? 1 : abstained ? 0 : -1;
  }
}
