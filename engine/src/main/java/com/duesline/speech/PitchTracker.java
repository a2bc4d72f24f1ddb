package com.duesline.speech;

import java.util.Arrays;

/**
 * The pitch (F0) of telephone speech, 10 ms step by step, by YIN (de Cheveigné and Kawahara 2002):
 * the cumulative mean normalised difference of a 30 ms window against itself shifted by each lag
 * from 2.5 ms (400 Hz) to 14 ms (70 Hz); the first lag whose difference dips below the threshold is
 * the period. Quiet or aperiodic steps (unvoiced consonants, silence, noise) have no pitch (0).
 * Plain arithmetic over a few hundred ms of 8 kHz audio: about 30 k multiply-adds a step.
 */
public final class PitchTracker {
  /** The sample rate it reads (the phone's). */
  public static final int RATE = 8000;

  /** One step of the track: 10 ms. */
  public static final int STEP = RATE / 100;

  private static final int WINDOW = RATE * 30 / 1000;
  private static final int MIN_LAG = RATE / 400;
  private static final int MAX_LAG = RATE / 70;

  /** The YIN threshold: a dip below this is a period. */
  private static final double THRESHOLD = 0.2;

  /**
   * Quieter windows have no pitch (the carrier's own idea of a word: -45 dBFS; a little above, for
   * a stable period).
   */
  private static final double MIN_RMS = 32768 * Math.pow(10, -40 / 20.0);

  private PitchTracker() {}

  /**
   * How many samples {@link #track} needs beyond the steps it reads (the window plus the longest
   * lag).
   */
  public static int lookahead() {
    return WINDOW + MAX_LAG;
  }

  /**
   * The pitch, Hz (0: none), of each 10 ms step of {@code pcm[off, off + len)} whose window fits;
   * step i starts at {@code off + i * STEP}.
   */
  public static float[] track(short[] pcm, int off, int len) {
    int steps = Math.max(0, (len - lookahead()) / STEP + 1);
    float[] f0 = new float[steps];
    double[] d = new double[MAX_LAG + 2];
    for (int s = 0; s < steps; s++) f0[s] = (float) pitch(pcm, off + s * STEP, d);
    return f0;
  }

  private static double pitch(short[] x, int at, double[] d) {
    double energy = 0;
    for (int j = 0; j < WINDOW; j++) energy += (double) x[at + j] * x[at + j];
    if (Math.sqrt(energy / WINDOW) < MIN_RMS) return 0;
    Arrays.fill(d, 0);
    for (int tau = 1; tau <= MAX_LAG + 1; tau++) {
      double sum = 0;
      for (int j = 0; j < WINDOW; j++) {
        double diff = x[at + j] - x[at + j + tau];
        sum += diff * diff;
      }
      d[tau] = sum;
    }
    // Cumulative mean normalised difference, in place.
    double running = 0;
    for (int tau = 1; tau <= MAX_LAG + 1; tau++) {
      running += d[tau];
      d[tau] = running == 0 ? 1 : d[tau] * tau / running;
    }
    for (int tau = MIN_LAG; tau <= MAX_LAG; tau++) {
      if (d[tau] < THRESHOLD) {
        while (tau + 1 <= MAX_LAG && d[tau + 1] < d[tau]) tau++;
        double a = d[tau - 1], b = d[tau], c = d[tau + 1];
        double den = a - 2 * b + c;
        double shift = den == 0 ? 0 : 0.5 * (a - c) / den;
        return RATE / (tau + Math.max(-0.5, Math.min(0.5, shift)));
      }
    }
    return 0;
  }
}
