package com.duesline.speech;

import java.util.Locale;
import java.util.Random;

/**
 * Mixes deterministic noise into speech at a chosen signal-to-noise ratio, for evaluating
 * recognition under noise. The same seed always gives the same noise. SNR is taken against the RMS
 * of the whole speech recording passed in (its own short pauses included, padding excluded).
 */
public final class NoiseMixer {
  /** The noise kinds of the evaluation. */
  public enum Kind {
    /** Flat spectrum: hiss, a fan, a bad line. */
    WHITE,
    /** 1/f spectrum, most energy low: traffic, a car cabin, running water. */
    PINK,
    /**
     * Several overlapping talkers: a café, a street, a television; speech-shaped and
     * non-stationary.
     */
    BABBLE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final short[] babbleSource;

  /**
   * @param babbleSource speech used to build babble (several time-shifted copies summed); may be
   *     null when babble is not asked for
   */
  public NoiseMixer(short[] babbleSource) {
    this.babbleSource = babbleSource;
  }

  /**
   * {@code speech} with {@code kind} noise {@code snrDb} below it, over {@code padSamples} of added
   * line silence each side.
   */
  public short[] mix(short[] speech, int padSamples, Kind kind, double snrDb, long seed) {
    double speechPower = 0;
    for (short s : speech) speechPower += (double) s * s;
    speechPower /= Math.max(1, speech.length);
    int n = speech.length + 2 * padSamples;
    double[] noise = noise(kind, n, new Random(seed));
    double noisePower = 0;
    for (double v : noise) noisePower += v * v;
    noisePower /= n;
    double gain = Math.sqrt(speechPower / Math.pow(10, snrDb / 10) / Math.max(noisePower, 1e-12));
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      double s = i >= padSamples && i < padSamples + speech.length ? speech[i - padSamples] : 0;
      out[i] =
          (short)
              Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(s + gain * noise[i])));
    }
    return out;
  }

  private double[] noise(Kind kind, int n, Random random) {
    double[] out = new double[n];
    switch (kind) {
      case WHITE -> {
        for (int i = 0; i < n; i++) out[i] = random.nextGaussian();
      }
      case PINK -> {
        // Paul Kellet's refined pink filter over white noise (within 0.05 dB of 1/f above 9 Hz at
        // 44.1 kHz;
        // a close 1/f slope at 8 kHz over the telephone band).
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < n; i++) {
          double w = random.nextGaussian();
          b0 = 0.99886 * b0 + w * 0.0555179;
          b1 = 0.99332 * b1 + w * 0.0750759;
          b2 = 0.96900 * b2 + w * 0.1538520;
          b3 = 0.86650 * b3 + w * 0.3104856;
          b4 = 0.55000 * b4 + w * 0.5329522;
          b5 = -0.7616 * b5 - w * 0.0168980;
          out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
          b6 = w * 0.115926;
        }
      }
      case BABBLE -> {
        if (babbleSource == null || babbleSource.length == 0)
          throw new IllegalStateException("babble noise needs speech to build it from");
        // Six talkers: the source at six random offsets, summed; their pauses fill each other in.
        for (int talker = 0; talker < 6; talker++) {
          int start = random.nextInt(babbleSource.length);
          double level = 0.6 + 0.8 * random.nextDouble();
          for (int i = 0; i < n; i++)
            out[i] += level * babbleSource[(start + i) % babbleSource.length];
        }
      }
    }
    return out;
  }
}
