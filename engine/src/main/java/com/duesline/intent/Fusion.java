package com.duesline.intent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the lexical and semantic evidence of an utterance into a ranking of intents with a
 * confidence (0..1). The candidates compared by cross-validation (docs/intents.md) are all here;
 * {@link #fit} trains one on examples whose evidence was gathered with their own fold left out.
 */
abstract class Fusion {
  /** The ways of fusing evidence that cross-validation compares. */
  enum Kind {
    /** BM25 vote only: the classifier before sentence vectors. */
    LEXICAL,
    /** Sentence vectors only: mean of the best cosine and the kNN vote share. */
    SEMANTIC,
    /** The linear read-out of sentence vectors ({@link RidgeHead}) only. */
    HEAD,
    /** Reciprocal rank fusion of the lexical and semantic rankings. */
    RANK,
    /**
     * A weighted mean of the lexical and semantic confidences, the weight chosen on the training
     * folds.
     */
    BLEND,
    /** A small logistic layer over both kinds of evidence with a bias per intent. */
    LOGISTIC,
    /**
     * The logistic layer with products of the sources and how near the utterance is to anything (or
     * to out_of_scope).
     */
    LOGISTIC_WIDE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One intent's fused confidence and the evidence behind it. */
  record Candidate(String intent, double score, LanguageMatcher.Evidence evidence) {}

  /**
   * An example's gold intent and its evidence (gathered with its fold left out), for training and
   * calibration.
   */
  record Trial(String gold, List<LanguageMatcher.Evidence> evidence) {}

  abstract Kind kind();

  /** A short description of the fitted parameters. */
  abstract String describe();

  /** Candidates best first. */
  final List<Candidate> rank(List<LanguageMatcher.Evidence> evidence) {
    List<Candidate> out = new ArrayList<>(evidence.size());
    double[] scores = scores(evidence);
    for (int i = 0; i < evidence.size(); i++)
      out.add(new Candidate(evidence.get(i).intent(), scores[i], evidence.get(i)));
    out.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return out;
  }

  abstract double[] scores(List<LanguageMatcher.Evidence> evidence);

  /** Fits a fusion of {@code kind} on the trials. */
  static Fusion fit(Kind kind, List<Trial> trials) {
    return switch (kind) {
      case LEXICAL -> new Lexical();
      case SEMANTIC -> new Semantic();
      case HEAD -> new Head();
      case RANK -> new Rank();
      case BLEND -> Blend.fit(trials);
      case LOGISTIC -> Logistic.fit(trials, false);
      case LOGISTIC_WIDE -> Logistic.fit(trials, true);
    };
  }

  /** 0 for the highest value, 1 for the next, ... (ties share the better rank). */
  static int[] ranks(double[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      for (double v : values) if (v > values[i]) out[i]++;
    }
    return out;
  }

  static double semanticConfidence(LanguageMatcher.Evidence e) {
    return (Math.max(0, e.semantic()) + e.semanticShare()) / 2;
  }

  private static final class Lexical extends Fusion {
    Kind kind() {
      return Kind.LEXICAL;
    }

    String describe() {
      return "lexical (share + coverage) / 2";
    }

    double[] scores(List<LanguageMatcher.Evidence> ev) {
      return ev.stream().mapToDouble(LanguageMatcher.Evidence::lexical).toArray();
    }
  }

  private static final class Semantic extends Fusion {
    Kind kind() {
      return Kind.SEMANTIC;
    }

    String describe() {
      return "semantic (best cosine + kNN share) / 2";
    }

    double[] scores(List<LanguageMatcher.Evidence> ev) {
      return ev.stream().mapToDouble(Fusion::semanticConfidence).toArray();
    }
  }

  private static final class Head extends Fusion {
    Kind kind() {
      return Kind.HEAD;
    }

    String describe() {
      return "ridge read-out of the sentence vector";
    }

    double[] scores(List<LanguageMatcher.Evidence> ev) {
      return ev.stream().mapToDouble(e -> Math.max(0, Math.min(1, e.head()))).toArray();
    }
  }

  /**
   * Reciprocal rank fusion (k = 60, the usual constant), scaled so first in both lists scores 1.
   */
  private static final class Rank extends Fusion {
    private static final double K = 60;

    Kind kind() {
      return Kind.RANK;
    }

    String describe() {
      return "reciprocal rank fusion, k = 60";
    }

    double[] scores(List<LanguageMatcher.Evidence> ev) {
      int[] lexRank = ranks(ev.stream().mapToDouble(LanguageMatcher.Evidence::lexical).toArray());
      int[] semRank = ranks(ev.stream().mapToDouble(Fusion::semanticConfidence).toArray());
      double[] out = new double[ev.size()];
      for (int i = 0; i < out.length; i++)
        out[i] = (1 / (K + 1 + lexRank[i]) + 1 / (K + 1 + semRank[i])) / (2 / (K + 1));
      return out;
    }
  }

  private static final class Blend extends Fusion {
    final double weight;

    Blend(double weight) {
      this.weight = weight;
    }

    static Blend fit(List<Trial> trials) {
      Blend best = null;
      int bestRight = -1;
      for (int w = 0; w <= 10; w++) {
        Blend b = new Blend(w / 10.0);
        int right = 0;
        for (Trial t : trials) {
          if (t.evidence().isEmpty()) continue;
          if (b.rank(t.evidence()).get(0).intent().equals(t.gold())) right++;
        }
        if (right > bestRight) {
          bestRight = right;
          best = b;
        }
      }
      return best;
    }

    Kind kind() {
      return Kind.BLEND;
    }

    String describe() {
      return String.format(Locale.ROOT, "%.1f x lexical + %.1f x semantic", weight, 1 - weight);
    }

    double[] scores(List<LanguageMatcher.Evidence> ev) {
      return ev.stream()
          .mapToDouble(e -> weight * e.lexical() + (1 - weight) * semanticConfidence(e))
          .toArray();
    }
  }

  /**
   * P(this intent is the one meant) = sigmoid(w . features + bias of the intent), trained by
   * gradient descent on log loss with a little L2. Features: both confidences and their parts, and
   * each one's margin over the best other intent, so "clearly ahead" counts, not only "high". The
   * wide variant adds products of the sources (agreement), the utterance's best cosine and lexical
   * confidence over all intents (far from every example: likely out of scope) and its cosine to the
   * out_of_scope examples.
   */
  static final class Logistic extends Fusion {
    private static final int NARROW = 12;
    private static final int WIDE = 17;
    private static final double RATE = 0.5;
    private static final double L2 = 1e-4;

    final double[] weights;
    final Map<String, Double> bias;
    final double defaultBias;
    final boolean wide;

    Logistic(double[] weights, Map<String, Double> bias, double defaultBias, boolean wide) {
      this.weights = weights;
      this.bias = bias;
      this.defaultBias = defaultBias;
      this.wide = wide;
    }

    static Logistic fit(List<Trial> trials, boolean wide) {
      int width = wide ? WIDE : NARROW;
      int iterations =
          wide ? 1000 : 400; // 1,500 for the narrow layer was tried: lower cross-validated accuracy
      // (docs/intents.md)
      List<double[]> xs = new ArrayList<>();
      List<String> intents = new ArrayList<>();
      List<Integer> ys = new ArrayList<>();
      Map<String, Integer> intentIndex = new HashMap<>();
      for (Trial t : trials) {
        double[][] f = features(t.evidence(), wide);
        for (int i = 0; i < f.length; i++) {
          String intent = t.evidence().get(i).intent();
          intentIndex.computeIfAbsent(intent, k -> intentIndex.size());
          xs.add(f[i]);
          intents.add(intent);
          ys.add(intent.equals(t.gold()) ? 1 : 0);
        }
      }
      int n = xs.size();
      double[] w = new double[width];
      double[] b = new double[intentIndex.size()];
      double b0 = 0;
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) idx[i] = intentIndex.get(intents.get(i));
      for (int it = 0; it < iterations && n > 0; it++) {
        double[] gw = new double[width];
        double[] gb = new double[b.length];
        double g0 = 0;
        for (int i = 0; i < n; i++) {
          double[] x = xs.get(i);
          double z = b0 + b[idx[i]];
          for (int j = 0; j < width; j++) z += w[j] * x[j];
          double err = sigmoid(z) - ys.get(i);
          for (int j = 0; j < width; j++) gw[j] += err * x[j];
          gb[idx[i]] += err;
          g0 += err;
        }
        for (int j = 0; j < width; j++) w[j] -= RATE * (gw[j] / n * 10 + L2 * w[j]);
        for (int k = 0; k < b.length; k++) b[k] -= RATE * (gb[k] / n * 10 + L2 * 10 * b[k]);
        b0 -= RATE * g0 / n * 10;
      }
      Map<String, Double> bias = new HashMap<>();
      for (var e : intentIndex.entrySet()) bias.put(e.getKey(), b0 + b[e.getValue()]);
      return new Logistic(w, Map.copyOf(bias), b0, wide);
    }

    Kind kind() {
      return wide ? Kind.LOGISTIC_WIDE : Kind.LOGISTIC;
    }

    String describe() {
      StringBuilder sb =
          new StringBuilder(
              "logistic over [lexical, share, coverage, cosine, kNN share, lexical margin, cosine margin, lexical first, semantic first, read-out, read-out margin, read-out first"
                  + (wide
                      ? ", lexical x cosine, read-out x kNN share, best cosine, best lexical, out_of_scope cosine"
                      : "")
                  + "] = [");
      for (int j = 0; j < weights.length; j++)
        sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", weights[j]));
      return sb.append("] + a bias per intent").toString();
    }

    double[] scores(List<LanguageMatcher.Evidence> ev) {
      double[][] f = features(ev, wide);
      double[] out = new double[ev.size()];
      for (int i = 0; i < out.length; i++) {
        double z = bias.getOrDefault(ev.get(i).intent(), defaultBias);
        for (int j = 0; j < weights.length; j++) z += weights[j] * f[i][j];
        out[i] = sigmoid(z);
      }
      return out;
    }

    static double[][] features(List<LanguageMatcher.Evidence> ev, boolean wide) {
      int n = ev.size();
      double[][] f = new double[n][];
      int lexTop = -1;
      int semTop = -1;
      int headTop = -1;
      double oosCosine = 0;
      for (int i = 0; i < n; i++) {
        if (ev.get(i).intent().equals(IntentClassifier.OUT_OF_SCOPE))
          oosCosine = Math.max(0, ev.get(i).semantic());
        if (lexTop < 0 || ev.get(i).lexical() > ev.get(lexTop).lexical()) lexTop = i;
        if (semTop < 0 || ev.get(i).semantic() > ev.get(semTop).semantic()) semTop = i;
        if (headTop < 0 || ev.get(i).head() > ev.get(headTop).head()) headTop = i;
      }
      for (int i = 0; i < n; i++) {
        LanguageMatcher.Evidence e = ev.get(i);
        double otherLex = 0;
        double otherSem = -1;
        double otherHead = 0;
        for (int k = 0; k < n; k++) {
          if (k == i) continue;
          otherLex = Math.max(otherLex, ev.get(k).lexical());
          otherSem = Math.max(otherSem, ev.get(k).semantic());
          otherHead = Math.max(otherHead, ev.get(k).head());
        }
        if (n == 1) otherSem = e.semantic();
        double[] narrow = {
          e.lexical(),
          e.share(),
          e.coverage(),
          e.semantic(),
          e.semanticShare(),
          e.lexical() - otherLex,
          e.semantic() - otherSem,
          i == lexTop ? 1 : 0,
          i == semTop ? 1 : 0,
          e.head(),
          e.head() - otherHead,
          i == headTop ? 1 : 0
        };
        if (!wide) {
          f[i] = narrow;
          continue;
        }
        f[i] = java.util.Arrays.copyOf(narrow, WIDE);
        f[i][12] = e.lexical() * Math.max(0, e.semantic());
        f[i][13] = e.head() * e.semanticShare();
        f[i][14] = Math.max(0, ev.get(semTop).semantic());
        f[i][15] = ev.get(lexTop).lexical();
        f[i][16] = oosCosine;
      }
      return f;
    }

    private static double sigmoid(double z) {
      return 1 / (1 + Math.exp(-z));
    }
  }
}
