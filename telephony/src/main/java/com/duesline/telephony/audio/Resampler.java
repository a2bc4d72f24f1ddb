package com.duesline.telephony.audio;

/**
 * Rational sample-rate converter for PCM16 audio: polyphase windowed-sinc (Kaiser) low-pass.
 *
 * <p>The ratio {@code to/from} is reduced to {@code L/M}; the signal is conceptually upsampled by
 * {@code L}, low-passed below the smaller Nyquist frequency (so downsampling does not alias and
 * upsampling leaves no images), and decimated by {@code M}. Only the filter taps that meet real
 * input samples are computed, so 8→16 kHz costs about 32 multiply-adds per output sample.
 *
 * <p>An instance is stateful and belongs to one stream (one call leg): successive chunks join
 * without clicks because the filter history is kept. {@link #streaming} instances emit exactly
 * {@code len*L/M} samples per chunk when that is whole (160 µ-law samples → 320 at 16 kHz) at the
 * cost of a fixed small delay; {@link #resample(short[], int, int)} converts a whole buffer with
 * the delay removed. No allocation happens per chunk once the internal buffer has grown.
 */
public final class Resampler {
  /**
   * Zero crossings of the sinc on each side of the centre: 16 gives > 80 dB stop band with Kaiser
   * β=8.
   */
  private static final int ZERO_CROSSINGS = 16;

  private static final double KAISER_BETA = 8.0;

  /** Pass band as a fraction of the lower Nyquist frequency (3.68 kHz of 4 kHz on the phone). */
  private static final double ROLLOFF = 0.92;

  private final int fromRate;
  private final int toRate;
  private final int up;
  private final int down;
  private final int tapsPerPhase;

  /** Coefficients by phase: phase p, tap k at {@code p * tapsPerPhase + k}, applied to x[i - k]. */
  private final float[] coefficients;

  private final int groupDelay;

  private float[] buffer;
  private int buffered;

  /** Position of the next output in the upsampled time line, relative to buffer[0]. */
  private long time;

  private Resampler(int fromRate, int toRate, boolean alignToInput) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException(
          "sample rates must be positive, got " + fromRate + " -> " + toRate);
    }
    this.fromRate = fromRate;
    this.toRate = toRate;
    int g = gcd(fromRate, toRate);
    this.up = toRate / g;
    this.down = fromRate / g;
    int span = Math.max(up, down);
    int length = 2 * ZERO_CROSSINGS * span + 1;
    this.tapsPerPhase = (length + up - 1) / up;
    int padded = tapsPerPhase * up;
    double cutoff = ROLLOFF * 0.5 / span; // cycles per upsampled sample
    double centre = (length - 1) / 2.0;
    double i0Beta = besselI0(KAISER_BETA);
    double[] h = new double[padded];
    for (int n = 0; n < length; n++) {
      double x = n - centre;
      double sinc = x == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      double r = x / centre;
      double window = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
      h[n] = sinc * window * up; // gain L restores the level lost by zero-stuffing
    }
    coefficients = new float[padded];
    for (int p = 0; p < up; p++) {
      for (int k = 0; k < tapsPerPhase; k++) {
        coefficients[p * tapsPerPhase + k] = (float) h[p + k * up];
      }
    }
    this.groupDelay = (length - 1) / 2;
    this.buffer = new float[tapsPerPhase - 1 + 1024];
    this.buffered = tapsPerPhase - 1; // zero history: the signal is silent before it starts
    this.time = (long) (tapsPerPhase - 1) * up + (alignToInput ? groupDelay : 0);
  }

  /**
   * A converter for a live stream: constant chunk sizes, a fixed delay of about {@link
   * #delaySeconds()}.
   */
  public static Resampler streaming(int fromRate, int toRate) {
    return new Resampler(fromRate, toRate, false);
  }

  /** Converts a whole buffer; output sample n lines up with time n/toRate of the input. */
  public static short[] resample(short[] in, int fromRate, int toRate) {
    if (fromRate == toRate) return in.clone();
    Resampler r = new Resampler(fromRate, toRate, true);
    int expected = (int) ((long) in.length * r.up / r.down);
    short[] out = new short[expected + r.maxOutput(r.tapsPerPhase) + r.maxOutput(in.length)];
    int n = r.process(in, 0, in.length, out, 0);
    short[] zeros = new short[r.tapsPerPhase];
    while (n < expected) {
      n += r.process(zeros, 0, zeros.length, out, n);
    }
    return java.util.Arrays.copyOf(out, expected);
  }

  /** Source sample rate in Hz. */
  public int fromRate() {
    return fromRate;
  }

  /** Target sample rate in Hz. */
  public int toRate() {
    return toRate;
  }

  /** The delay a {@link #streaming} converter adds, in seconds. */
  public double delaySeconds() {
    return groupDelay / ((double) fromRate * up);
  }

  /**
   * An upper bound on the samples {@link #process} writes for {@code inputLength} input samples.
   */
  public int maxOutput(int inputLength) {
    return (int) (((long) inputLength * up) / down) + 2;
  }

  /**
   * Converts the next {@code len} samples of the stream into {@code out[outOff]}, returning how
   * many were written ({@code out} needs room for {@link #maxOutput(int)}).
   */
  public int process(short[] in, int inOff, int len, short[] out, int outOff) {
    if (inOff < 0 || len < 0 || inOff + len > in.length) {
      throw new IndexOutOfBoundsException(
          "in: offset " + inOff + " + length " + len + " exceeds " + in.length);
    }
    ensureCapacity(buffered + len);
    float[] buf = buffer;
    for (int i = 0; i < len; i++) {
      buf[buffered + i] = in[inOff + i];
    }
    buffered += len;

    final int taps = tapsPerPhase;
    final float[] c = coefficients;
    int written = 0;
    long t = time;
    while (true) {
      int i = (int) (t / up);
      if (i >= buffered) break;
      int phase = (int) (t - (long) i * up);
      int base = phase * taps;
      float acc = 0f;
      for (int k = 0; k < taps; k++) {
        acc += c[base + k] * buf[i - k];
      }
      int s = Math.round(acc);
      out[outOff + written++] =
          (short)
              (s > Short.MAX_VALUE ? Short.MAX_VALUE : (s < Short.MIN_VALUE ? Short.MIN_VALUE : s));
      t += down;
    }
    // Keep only the history the next outputs can reach.
    int drop = Math.min((int) (t / up) - (taps - 1), buffered);
    if (drop > 0) {
      System.arraycopy(buf, drop, buf, 0, buffered - drop);
      buffered -= drop;
      t -= (long) drop * up;
    }
    time = t;
    return written;
  }

  private void ensureCapacity(int needed) {
    if (needed > buffer.length) {
      buffer = java.util.Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double half = x / 2;
    for (int k = 1; k < 50; k++) {
      term *= (half / k) * (half / k);
      sum += term;
      if (term < 1e-12 * sum) break;
    }
    return sum;
  }
}
