package com.duesline.speech;

import java.util.Arrays;

/**
 * The shape of the pitch at the end of a stretch of speech (the last few hundred ms before a
 * pause): whether it rises at the very end, the "continuation rise" speakers put before a comma's
 * pause when more is coming. {@code riseSemitones}: the median pitch of the last three voiced steps
 * over the lowest of the last {@value #LOOK_BACK} voiced steps (0 when it does not rise), after
 * octave errors are folded back to the stretch's median (YIN's period doubling or halving on a
 * creaky or breathy step).
 *
 * <p>Measured on the personas' MaryTTS voices through µ-law 8 kHz (see docs/live-calls.md,
 * "Prosody"): before 6 of their 10 comma pauses the pitch rises 1.5–5.7 semitones in the last 50–80
 * ms; at none of their 17 sentence ends does it rise more than 0.7, except a question ("who's
 * calling", 2.3). A falling end says nothing: 4 of the 10 comma pauses ("yes,", "who cares,",
 * "alright,", "hello,") fall like a sentence end.
 */
public record PitchContour(Shape shape, double riseSemitones, int voicedSteps) {
  /** What the end of the stretch does. */
  public enum Shape {
    /** Rises at the end by at least the threshold: more is coming (or a question was asked). */
    RISING,
    /** Does not rise (level or falling). */
    NOT_RISING,
    /** Too little voiced speech to say. */
    UNKNOWN
  }

  /** How many of the last voiced steps the low point is looked for in (150 ms). */
  static final int LOOK_BACK = 15;

  /** Fewer voiced steps than this say nothing (80 ms). */
  static final int MIN_VOICED = 8;

  /**
   * The contour of {@code f0} (one value per 10 ms step, 0 where unvoiced; see {@link
   * PitchTracker}).
   */
  public static PitchContour of(float[] f0, double riseThresholdSemitones) {
    float[] voiced = voiced(f0);
    if (voiced.length < MIN_VOICED) return new PitchContour(Shape.UNKNOWN, 0, voiced.length);
    float[] sorted = voiced.clone();
    Arrays.sort(sorted);
    double median = sorted[sorted.length / 2];
    double[] v = new double[voiced.length];
    for (int i = 0; i < v.length; i++) {
      double x = voiced[i];
      if (x > median * 1.6) x /= 2;
      else if (x < median / 1.6) x *= 2;
      v[i] = x;
    }
    int n = v.length;
    double[] tail = {v[n - 1], v[n - 2], v[n - 3]};
    Arrays.sort(tail);
    double end = tail[1];
    double low = Double.MAX_VALUE;
    for (int i = Math.max(0, n - LOOK_BACK); i < n - 3; i++) low = Math.min(low, v[i]);
    double rise = Math.max(0, 12 * Math.log(end / low) / Math.log(2));
    return new PitchContour(
        rise >= riseThresholdSemitones ? Shape.RISING : Shape.NOT_RISING, rise, n);
  }

  /**
   * The contour of the last {@code millis} of {@code pcm8k} (8 kHz PCM16): tracked, then shaped.
   */
  public static PitchContour ofTail(
      short[] pcm8k, int len, int millis, double riseThresholdSemitones) {
    int want = Math.min(len, millis * PitchTracker.RATE / 1000 + PitchTracker.lookahead());
    return of(PitchTracker.track(pcm8k, len - want, want), riseThresholdSemitones);
  }

  private static float[] voiced(float[] f0) {
    int n = 0;
    for (float x : f0) if (x > 0) n++;
    float[] out = new float[n];
    int i = 0;
    for (float x : f0) if (x > 0) out[i++] = x;
    return out;
  }
}
