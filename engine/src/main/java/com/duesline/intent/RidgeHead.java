package com.duesline.intent;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * A linear read-out of sentence vectors: one weight vector per intent, fitted in closed form by
 * ridge regression onto the intents' indicator (least squares with a small L2 penalty, solved by
 * Cholesky), so fitting ~1,500 examples takes a fraction of a second and needs no iterations. Its
 * score for an intent is near 1 when the vector looks like that intent's examples and near 0 when
 * it does not.
 */
final class RidgeHead {
  /**
   * Penalty: enough to keep 385 weights per intent stable with 60 examples each, small enough not
   * to flatten them.
   */
  static final double LAMBDA = 1.0;

  private final List<String> intents;

  /** weights[intent][dimension]; the last dimension is the bias. */
  private final double[][] weights;

  private RidgeHead(List<String> intents, double[][] weights) {
    this.intents = intents;
    this.weights = weights;
  }

  /**
   * Fits on the examples {@code include} accepts (by id): x are unit vectors, labels their intents.
   */
  static RidgeHead fit(
      float[][] x, List<String> labels, List<String> intents, IntPredicate include) {
    int d = x.length == 0 ? 1 : x[0].length + 1;
    double[][] gram = new double[d][d];
    double[][] xty = new double[intents.size()][d];
    double[] row = new double[d];
    for (int i = 0; i < x.length; i++) {
      if (!include.test(i)) continue;
      for (int j = 0; j < d - 1; j++) row[j] = x[i][j];
      row[d - 1] = 1;
      for (int a = 0; a < d; a++) {
        double ra = row[a];
        double[] g = gram[a];
        for (int b = a; b < d; b++) g[b] += ra * row[b];
      }
      int k = intents.indexOf(labels.get(i));
      for (int a = 0; a < d; a++) xty[k][a] += row[a];
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) gram[a][b] = gram[b][a];
      gram[a][a] += LAMBDA;
    }
    double[][] chol = cholesky(gram);
    double[][] w = new double[intents.size()][];
    for (int k = 0; k < intents.size(); k++) w[k] = solve(chol, xty[k]);
    return new RidgeHead(List.copyOf(intents), w);
  }

  /** The score of every intent (in {@link #intents()} order) for a unit vector. */
  double[] scores(float[] v) {
    double[] out = new double[weights.length];
    for (int k = 0; k < weights.length; k++) {
      double[] w = weights[k];
      double z = w[w.length - 1];
      for (int j = 0; j < v.length; j++) z += w[j] * v[j];
      out[k] = z;
    }
    return out;
  }

  List<String> intents() {
    return intents;
  }

  private static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        double[] li = l[i];
        double[] lj = l[j];
        for (int k = 0; k < j; k++) sum -= li[k] * lj[k];
        if (i == j) li[i] = Math.sqrt(Math.max(sum, 1e-12));
        else li[j] = sum / lj[j];
      }
    }
    return l;
  }

  private static double[] solve(double[][] l, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = b[i];
      for (int k = 0; k < i; k++) sum -= l[i][k] * y[k];
      y[i] = sum / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < n; k++) sum -= l[k][i] * x[k];
      x[i] = sum / l[i][i];
    }
    return x;
  }
}
