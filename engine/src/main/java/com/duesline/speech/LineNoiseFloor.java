package com.duesline.speech;

import java.util.Arrays;

/**
 * The background level of one line, from its own audio: the quietest 2 % of the last {@value
 * #WINDOW_FRAMES} 10 ms frames (minimum statistics over 8 s), so a long answer does not lift it (a
 * synthetic voice barely dips between words for a second or two), while a street or a car that
 * never falls silent does. The price: noise that starts mid-call is noticed up to 8 s late.
 */
final class LineNoiseFloor {
  static final int WINDOW_FRAMES = 800;

  /** Frames heard before the floor is trusted. */
  static final int MIN_FRAMES = 20;

  private static final double PERCENTILE = 0.02;

  /** Digital silence has no level; this stands for it. */
  static final double SILENT_DB = -96;

  private final double[] recent = new double[WINDOW_FRAMES];
  private final double[] sorted = new double[WINDOW_FRAMES];
  private int next;
  private int count;

  /** Adds one frame; returns the frame's level in dBFS. */
  double add(short[] frame, int len) {
    double sum = 0;
    for (int i = 0; i < len; i++) sum += (double) frame[i] * frame[i];
    double ms = sum / len / (32768.0 * 32768.0);
    double db = ms <= 0 ? SILENT_DB : Math.max(SILENT_DB, 10 * Math.log10(ms));
    recent[next] = db;
    next = (next + 1) % WINDOW_FRAMES;
    count = Math.min(WINDOW_FRAMES, count + 1);
    return db;
  }

  /** Whether enough has been heard to judge the line. */
  boolean known() {
    return count >= MIN_FRAMES;
  }

  /** The line's background level in dBFS ({@link #SILENT_DB} for a line that falls silent). */
  double db() {
    if (count == 0) return SILENT_DB;
    System.arraycopy(recent, 0, sorted, 0, count);
    Arrays.sort(sorted, 0, count);
    return sorted[(int) Math.floor(PERCENTILE * (count - 1))];
  }
}
