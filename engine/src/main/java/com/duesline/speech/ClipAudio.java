package com.duesline.speech;

import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Resampler;
import java.util.Arrays;

/**
 * Prepares a recorded clip for the phone line: silence trimmed from both ends (keeping a short
 * margin so consonants are not clipped), loudness normalised so clips spliced together sound even,
 * then 8 kHz G.711 µ-law, the form calls carry and recorded voices store.
 */
public final class ClipAudio {
  /** Speech RMS the clips are brought to: -20 dBFS. */
  static final double TARGET_RMS = 32768 * Math.pow(10, -20 / 20.0);

  /** No sample above -1 dBFS after gain. */
  static final double PEAK_LIMIT = 32768 * Math.pow(10, -1 / 20.0);

  /**
   * A 10 ms window counts as sound above -45 dBFS or 1/20 of the clip's loudest window, whichever
   * is higher.
   */
  private static final double FLOOR = 32768 * Math.pow(10, -45 / 20.0);

  private static final int MARGIN_MS = 40;

  /** What a recording became: µ-law samples at 8 kHz, and whether anything was heard in it. */
  public record Prepared(byte[] mulaw8k, double seconds, double gainDb, boolean silent) {}

  /** Trims, normalises and encodes {@code pcm} recorded at {@code rate} Hz. */
  public static Prepared prepare(short[] pcm, int rate) {
    short[] trimmed = trim(pcm, rate);
    if (trimmed.length == 0) return new Prepared(new byte[0], 0, 0, true);
    double gain = gain(trimmed);
    short[] loud = new short[trimmed.length];
    for (int i = 0; i < trimmed.length; i++)
      loud[i] = (short) Math.max(-32768, Math.min(32767, Math.round(trimmed[i] * gain)));
    short[] at8k = rate == 8000 ? loud : Resampler.resample(loud, rate, 8000);
    return new Prepared(MuLaw.encode(at8k), at8k.length / 8000.0, 20 * Math.log10(gain), false);
  }

  /**
   * {@code pcm} without its leading and trailing silence (plus a 40 ms margin); empty when it is
   * all silence.
   */
  public static short[] trim(short[] pcm, int rate) {
    int win = Math.max(1, rate / 100);
    int windows = pcm.length / win;
    if (windows == 0) return new short[0];
    double[] rms = new double[windows];
    double loudest = 0;
    for (int w = 0; w < windows; w++) {
      double sum = 0;
      for (int i = w * win; i < (w + 1) * win; i++) sum += (double) pcm[i] * pcm[i];
      rms[w] = Math.sqrt(sum / win);
      loudest = Math.max(loudest, rms[w]);
    }
    double threshold = Math.max(FLOOR, loudest / 20);
    int first = -1, last = -1;
    for (int w = 0; w < windows; w++) {
      if (rms[w] >= threshold) {
        if (first < 0) first = w;
        last = w;
      }
    }
    if (first < 0) return new short[0];
    int margin = rate * MARGIN_MS / 1000;
    int from = Math.max(0, first * win - margin);
    int to = Math.min(pcm.length, (last + 1) * win + margin);
    return Arrays.copyOfRange(pcm, from, to);
  }

  /**
   * The gain that brings the voiced part to {@link #TARGET_RMS} without passing {@link
   * #PEAK_LIMIT}.
   */
  private static double gain(short[] pcm) {
    double sum = 0;
    int peak = 1;
    for (short s : pcm) {
      sum += (double) s * s;
      peak = Math.max(peak, Math.abs(s));
    }
    double rms = Math.sqrt(sum / pcm.length);
    if (rms < 1) return 1;
    return Math.min(TARGET_RMS / rms, PEAK_LIMIT / peak);
  }

  private ClipAudio() {}
}
