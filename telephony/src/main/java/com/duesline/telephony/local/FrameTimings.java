package com.duesline.telephony.local;

import java.util.Arrays;

/**
 * How punctually the local carrier sent its 20 ms frames: each frame has a due time (stream start +
 * n × 20 ms) and the time it actually left. Shared by all streams of a carrier; cheap enough to run
 * on every frame.
 */
public final class FrameTimings {
  /** A frame is late when it leaves more than this after its due time (one whole frame). */
  public static final long LATE_MICROS = 20_000;

  private long[] latenessMicros = new long[1 << 16];
  private int count;

  synchronized void record(long latenessMicros) {
    if (count == this.latenessMicros.length)
      this.latenessMicros = Arrays.copyOf(this.latenessMicros, count * 2);
    this.latenessMicros[count++] = latenessMicros;
  }

  /** Frames sent, lateness percentiles and the count of late frames. */
  public synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(latenessMicros, count);
    Arrays.sort(sorted);
    long late = Arrays.stream(sorted).filter(l -> l > LATE_MICROS).count();
    return new Summary(
        count, pct(sorted, 0.50), pct(sorted, 0.99), count == 0 ? 0 : sorted[count - 1], late);
  }

  /** Forgets everything recorded so far (a benchmark's warm-up). */
  public synchronized void reset() {
    count = 0;
  }

  private static long pct(long[] sorted, double p) {
    return sorted.length == 0
        ? 0
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  /** Lateness figures in microseconds. */
  public record Summary(
      long frames, long p50Micros, long p99Micros, long maxMicros, long lateFrames) {}
}
