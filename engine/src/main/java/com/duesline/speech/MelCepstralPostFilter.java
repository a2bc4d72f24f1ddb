package com.duesline.speech;

import marytts.htsengine.HTSVocoder;

/**
 * MaryTTS's mel-cepstral post-filter ({@code HTSVocoder.postfilter_mgc}: formants sharpened by 1 +
 * β, the frame's energy kept), with the frequency transform inside its energy measure done as a
 * matrix computed once. At 8 kHz the filter costs as much as the vocoder itself: that transform is
 * a recursion of ~3,300 dependent steps per call, twice a frame, while its result is a fixed linear
 * map of the cepstrum. One instance per rendering (it keeps working buffers); the map is shared.
 */
final class MelCepstralPostFilter {
  /** The impulse-response length MaryTTS measures a frame's energy over. */
  private static final int IMPULSE = HTSVocoder.IRLENG;

  /** The transform for {@code order}-term cepstra warped by {@code alpha} (shareable). */
  record Transform(double[][] toLinear, int last, double alpha) {
    static Transform of(int order, double alpha) {
      int last = order - 1;
      double[][] columns = new double[order][IMPULSE];
      double[] unit = new double[order];
      for (int i = 0; i < order; i++) {
        unit[i] = 1;
        // The same routine MaryTTS runs per frame, applied to each basis cepstrum once.
        HTSVocoder.freqt(unit, last, columns[i], IMPULSE - 1, -alpha);
        unit[i] = 0;
      }
      double[][] rows = new double[IMPULSE - 1][order];
      for (int i = 0; i < order; i++)
        for (int j = 0; j < IMPULSE - 1; j++) rows[j][i] = columns[i][j];
      return new Transform(rows, last, alpha);
    }
  }

  private final Transform transform;
  private final double beta;
  private final double[] b;
  private final double[] mc;
  private final double[] cepstrum = new double[IMPULSE];
  private final double[] response = new double[IMPULSE];

  MelCepstralPostFilter(Transform transform, double beta) {
    this.transform = transform;
    this.beta = beta;
    this.b = new double[transform.last() + 1];
    this.mc = new double[transform.last() + 1];
  }

  /** Filters one frame's mel-cepstrum in place, as {@code postfilter_mgc} does. */
  void apply(double[] mgc) {
    int m = transform.last();
    double alpha = transform.alpha();
    if (beta <= 0 || m <= 1) return;
    HTSVocoder.mc2b(mgc, b, m, alpha);
    double before = energy();
    b[1] -= beta * alpha * mgc[2];
    for (int k = 2; k < m; k++) b[k] *= 1.0 + beta;
    double after = energy();
    b[0] += Math.log(before / after) / 2;
    HTSVocoder.b2mc(b, mgc, m, alpha);
  }

  /** The energy of the first {@link #IMPULSE} samples of the filter {@link #b} describes. */
  private double energy() {
    HTSVocoder.b2mc(b, mc, transform.last(), transform.alpha());
    double[][] rows = transform.toLinear();
    for (int j = 0; j < rows.length; j++) {
      double[] row = rows[j];
      double sum = 0;
      for (int i = 0; i < row.length; i++) sum += row[i] * mc[i];
      cepstrum[j] = sum;
    }
    cepstrum[IMPULSE - 1] = 0;
    HTSVocoder.c2ir(cepstrum, IMPULSE, response, IMPULSE);
    double e = 0;
    for (double x : response) e += x * x;
    return e;
  }
}
