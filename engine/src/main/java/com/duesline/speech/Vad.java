package com.duesline.speech;

/**
 * Voice activity detection and endpointing for one call's inbound audio, fed frame by frame
 * (20 ms on the phone, any length works).
 *
 * <p>A frame is voiced when its energy is above both an absolute floor ({@code thresholdDb}, dBFS)
 * and the tracked background noise plus {@value #NOISE_MARGIN_DB} dB, and its zero-crossing rate is
 * not that of hiss. Speech starts after {@code startMs} of voiced frames (short clicks are ignored)
 * and ends after {@code hangoverMs} without voice (pauses between words do not split an
 * utterance), or when it has lasted {@code maxUtteranceMs}. The noise floor follows quiet frames
 * quickly and rises slowly, so a steady line hum does not count as speech.
 */
public final class Vad {
  /** How far above the background a frame must be to count as voice. */
  static final double NOISE_MARGIN_DB = 9.0;
  /** Zero crossings per sample above which a frame is treated as hiss rather than voice. */
  private static final double HISS_ZCR = 0.45;
  private static final double NOISE_RISE_DB_PER_S = 2.0;

  /** Thresholds and timings (see class description). */
  public record Settings(double thresholdDb, int startMs, int hangoverMs, int maxUtteranceMs) {
    public Settings {
      if (startMs < 0 || hangoverMs <= 0 || maxUtteranceMs <= 0) {
        throw new IllegalArgumentException("speech.vad timings must be positive: start-ms=" + startMs
            + ", hangover-ms=" + hangoverMs + ", max-utterance-ms=" + maxUtteranceMs);
      }
    }
  }

  /** What a frame changed. */
  public enum Event {
    /** Nothing changed. */
    NONE,
    /** Speech began (the frames of the last {@code startMs} belong to it). */
    SPEECH_START,
    /** The utterance ended (hang-over elapsed or maximum length reached). */
    SPEECH_END
  }

  private final Settings settings;
  private final int sampleRate;
  private double noiseFloorDb = -90;
  private boolean speaking;
  private double voicedMs;
  private double silentMs;
  private double utteranceMs;
  private double utteranceVoicedMs;
  private double lastEnergyDb = -120;

  /** A detector for audio at {@code sampleRate}. */
  public Vad(Settings settings, int sampleRate) {
    this.settings = settings;
    this.sampleRate = sampleRate;
  }

  /** Whether an utterance is in progress. */
  public boolean speaking() {
    return speaking;
  }

  /** Silence so far inside the utterance in progress, ms (0 while voiced or outside an utterance). */
  public double silentMs() {
    return speaking ? silentMs : 0;
  }

  /** Voiced time of the utterance in progress, ms. */
  public double voicedMs() {
    return speaking ? utteranceVoicedMs : 0;
  }

  /** Ends the utterance in progress now (the caller's turn was judged complete before the hang-over). */
  public void endNow() {
    speaking = false;
    voicedMs = 0;
  }

  /** Energy of the last frame, dBFS. */
  public double lastEnergyDb() {
    return lastEnergyDb;
  }

  /** The tracked background level, dBFS. */
  public double noiseFloorDb() {
    return noiseFloorDb;
  }

  /** Feeds one frame; returns what it changed. */
  public Event accept(short[] frame, int off, int len) {
    if (len <= 0) return Event.NONE;
    double sum = 0;
    int crossings = 0;
    short prev = frame[off];
    for (int i = off; i < off + len; i++) {
      short s = frame[i];
      sum += (double) s * s;
      if ((s ^ prev) < 0) crossings++;
      prev = s;
    }
    double ms = len * 1000.0 / sampleRate;
    double db = 10 * Math.log10(sum / len / (32768.0 * 32768.0) + 1e-12);
    lastEnergyDb = db;
    double zcr = crossings / (double) len;
    boolean voiced = db > settings.thresholdDb() && db > noiseFloorDb + NOISE_MARGIN_DB && zcr < HISS_ZCR;

    if (!voiced) {
      // Track the background: down at once, up slowly (so speech does not drag it up).
      noiseFloorDb = db < noiseFloorDb ? db : noiseFloorDb + NOISE_RISE_DB_PER_S * ms / 1000;
    }

    if (!speaking) {
      voicedMs = voiced ? voicedMs + ms : 0;
      if (voicedMs >= Math.max(settings.startMs(), ms)) {
        speaking = true;
        silentMs = 0;
        utteranceMs = voicedMs;
        utteranceVoicedMs = voicedMs;
        return Event.SPEECH_START;
      }
      return Event.NONE;
    }
    utteranceMs += ms;
    if (voiced) utteranceVoicedMs += ms;
    silentMs = voiced ? 0 : silentMs + ms;
    if (silentMs >= settings.hangoverMs() || utteranceMs >= settings.maxUtteranceMs()) {
      speaking = false;
      voicedMs = 0;
      return Event.SPEECH_END;
    }
    return Event.NONE;
  }
}
