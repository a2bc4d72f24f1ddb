package com.duesline.speech;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;
import java.util.Locale;
import java.util.Set;

/**
 * Cleans one stream's audio before recognition with WebRTC's audio processing module (through
 * {@code webrtc-java}): a high-pass filter, noise suppression and adaptive digital gain, each
 * switchable. The chain can be made to act only on a noisy line ({@link Settings#engageAboveDb}):
 * on clean speech it costs words ("on december fourth" came out "on injured sam bradford" at every
 * suppression level, and with the high-pass alone after another utterance), so a quiet line's audio
 * passes untouched. The module works on 10 ms frames at 8, 16, 32 or 48 kHz; samples are gathered
 * into whole frames, so {@link #process} returns cleaned audio in 10 ms steps (a 20 ms phone frame
 * comes straight back out). Not thread-safe: one instance per call leg, closed with the leg.
 */
public final class AudioCleaner implements AutoCloseable {
  /** Rates the processing module takes natively. */
  public static final Set<Integer> RATES = Set.of(8000, 16000, 32000, 48000);

  /** How hard noise is suppressed (WebRTC's levels: about 6, 12, 18 and 21 dB). */
  public enum Suppression {
    OFF,
    LOW,
    MODERATE,
    HIGH,
    VERY_HIGH;

    /** Parses a configuration value ({@code off|low|moderate|high|very-high}). */
    public static Suppression parse(String s) {
      String v = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (Suppression x : values()) {
        if (x.name().equals(v)) return x;
      }
      throw new IllegalArgumentException(
          "speech.cleanup.noise-suppression: '"
              + s
              + "' is not one of off, low, moderate, high, very-high");
    }
  }

  /**
   * Which stages run; see {@code speech.cleanup.*}. With {@code engageAboveDb} set, the chain acts
   * only while the line's background ({@link LineNoiseFloor}) is above it (dBFS) and lets go
   * {@value #RELEASE_DB} dB below it, the audio passing untouched meanwhile; negative infinity
   * means always.
   */
  public record Settings(
      boolean highPass, Suppression suppression, boolean gainControl, double engageAboveDb) {
    /** Hysteresis: suppression lets go this far below where it engaged. */
    public static final double RELEASE_DB = 6;

    public Settings {
      if (suppression == null)
        throw new IllegalArgumentException("speech.cleanup.noise-suppression is required");
      if (Double.isNaN(engageAboveDb))
        throw new IllegalArgumentException("speech.cleanup.suppress-above-db must be a number");
    }

    /** A chain whose suppression, if any, always runs. */
    public Settings(boolean highPass, Suppression suppression, boolean gainControl) {
      this(highPass, suppression, gainControl, Double.NEGATIVE_INFINITY);
    }

    /** Whether suppression runs only on a noisy line. */
    public boolean adaptive() {
      return suppression != Suppression.OFF && engageAboveDb != Double.NEGATIVE_INFINITY;
    }

    /**
     * The chain the evaluation supports (docs/speech.md, "Hearing in noise"): high-pass and the
     * strongest suppression, which helped Vosk most on white and pink noise (tune part, 15 dB:
     * white 0.566 raw, 0.382 moderate, 0.329 very-high; pink 0.237, 0.184, 0.158), engaged only
     * when the line's background is above -50 dBFS: on clean speech it raised word error (0.021 →
     * 0.083). Gain control is left off: Vosk normalises levels itself and it was not measured to
     * help.
     */
    public static final Settings DEFAULT = new Settings(true, Suppression.VERY_HIGH, false, -50);

    /** No processing: audio reaches the recognizer as it arrived. */
    public static Settings off() {
      return new Settings(false, Suppression.OFF, false);
    }

    /** Whether any stage runs. */
    public boolean active() {
      return highPass || suppression != Suppression.OFF || gainControl;
    }

    /**
     * Parses a {@link #label()} back ({@code raw}, or stages joined by '+': {@code hp}, {@code
     * ns:LEVEL} or {@code ns:LEVEL@DB} (only above DB dBFS of background), {@code agc}).
     */
    public static Settings parse(String label) {
      boolean hp = false;
      boolean agc = false;
      Suppression ns = Suppression.OFF;
      double above = Double.NEGATIVE_INFINITY;
      if (!label.trim().equals("raw")) {
        for (String part : label.trim().split("\\+")) {
          if (part.equals("hp")) hp = true;
          else if (part.equals("agc")) agc = true;
          else if (part.startsWith("ns:") && part.contains("@")) {
            ns = Suppression.parse(part.substring(3, part.indexOf('@')));
            try {
              above = Double.parseDouble(part.substring(part.indexOf('@') + 1));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException(
                  "clean-up chain '"
                      + label
                      + "': '"
                      + part
                      + "' needs a level in dBFS after '@', e.g. ns:high@-50");
            }
          } else if (part.startsWith("ns:")) ns = Suppression.parse(part.substring(3));
          else
            throw new IllegalArgumentException(
                "clean-up chain '"
                    + label
                    + "': unknown stage '"
                    + part
                    + "' (hp, ns:LEVEL, agc, or raw)");
        }
      }
      return new Settings(hp, ns, agc, above);
    }

    /** A short label for reports, e.g. {@code hp+ns:moderate} or {@code hp+ns:very-high@-50}. */
    public String label() {
      if (!active()) return "raw";
      StringBuilder sb = new StringBuilder();
      if (highPass) sb.append("hp");
      if (suppression != Suppression.OFF)
        sb.append(sb.isEmpty() ? "" : "+")
            .append("ns:")
            .append(suppression.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      if (adaptive())
        sb.append('@')
            .append(
                engageAboveDb == Math.rint(engageAboveDb)
                    ? String.valueOf((long) engageAboveDb)
                    : String.valueOf(engageAboveDb));
      if (gainControl) sb.append(sb.isEmpty() ? "" : "+").append("agc");
      return sb.toString();
    }
  }

  private final Settings settings;
  private final int frame;
  private final AudioProcessing apm;
  private final LineNoiseFloor floor;
  private boolean suppressing;
  private int framesSinceJudged;
  private final AudioProcessingStreamConfig streamConfig;
  private final byte[] inBytes;
  private final byte[] outBytes;
  private final short[] pending;
  private int pendingLen;

  /**
   * A cleaner for audio at {@code sampleRate} (one of {@link #RATES} unless the settings are
   * inactive).
   */
  public AudioCleaner(Settings settings, int sampleRate) {
    this.settings = settings;
    this.frame = sampleRate / 100;
    if (settings.active() && !RATES.contains(sampleRate)) {
      throw new IllegalArgumentException(
          "audio clean-up runs at 8, 16, 32 or 48 kHz, not " + sampleRate + " Hz");
    }
    this.pending = new short[frame];
    this.inBytes = new byte[frame * 2];
    this.outBytes = new byte[frame * 2];
    if (settings.active()) {
      apm = module(settings.highPass(), settings.suppression(), settings.gainControl());
      floor = settings.adaptive() ? new LineNoiseFloor() : null;
      streamConfig = new AudioProcessingStreamConfig(sampleRate, 1);
    } else {
      apm = null;
      floor = null;
      streamConfig = null;
    }
    // An adaptive chain starts suppressing and lets go once the line proves quiet: the first words
    // of
    // a noisy line are not left raw while the background is being learnt.
    suppressing = settings.suppression() != Suppression.OFF;
  }

  private static AudioProcessing module(
      boolean highPass, Suppression suppression, boolean gainControl) {
    AudioProcessing module = new AudioProcessing();
    AudioProcessingConfig config = new AudioProcessingConfig();
    config.highPassFilter.enabled = highPass;
    config.noiseSuppression.enabled = suppression != Suppression.OFF;
    if (config.noiseSuppression.enabled) {
      config.noiseSuppression.level =
          AudioProcessingConfig.NoiseSuppression.Level.valueOf(suppression.name());
    }
    config.gainControl.enabled = gainControl;
    config.gainControl.adaptiveDigital.enabled = gainControl;
    config.echoCanceller.enabled = false;
    module.applyConfig(config);
    return module;
  }

  /**
   * Whether the chain shapes the audio coming out now (always, or for an adaptive chain while the
   * line is noisy; else it passes untouched).
   */
  public boolean suppressing() {
    return suppressing;
  }

  /**
   * Whether an adaptive chain has judged the line noisy from its own background (its suppression
   * engaged); false for a chain that does not judge (always on, or off).
   */
  public boolean noisyLine() {
    return floor != null && floor.known() && suppressing;
  }

  /** The settings in use. */
  public Settings settings() {
    return settings;
  }

  /** At most this many samples come out of {@link #process} for {@code len} in. */
  public int maxOutput(int len) {
    return len + frame;
  }

  /**
   * Cleans {@code len} samples; writes the cleaned samples of every 10 ms frame completed so far to
   * {@code out} and returns how many (a remainder shorter than a frame waits for the next call).
   */
  public int process(short[] in, int off, int len, short[] out, int outOff) {
    if (apm == null) {
      System.arraycopy(in, off, out, outOff, len);
      return len;
    }
    int written = 0;
    for (int i = 0; i < len; i++) {
      pending[pendingLen++] = in[off + i];
      if (pendingLen == frame) {
        runFrame(out, outOff + written);
        written += frame;
        pendingLen = 0;
      }
    }
    return written;
  }

  /** Cleans a whole recording: the last partial frame is padded with silence and trimmed again. */
  public short[] processAll(short[] samples) {
    short[] out = new short[samples.length + frame];
    int n = process(samples, 0, samples.length, out, 0);
    if (apm != null && pendingLen > 0) {
      int tail = pendingLen;
      java.util.Arrays.fill(pending, tail, frame, (short) 0);
      pendingLen = frame;
      runFrame(out, n);
      pendingLen = 0;
      n += tail;
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * Cleans a whole recording with a fresh cleaner (rates the module does not take are cleaned at 16
   * kHz by the caller).
   */
  public static short[] clean(Settings settings, short[] samples, int sampleRate) {
    if (!settings.active()) return samples;
    try (AudioCleaner c = new AudioCleaner(settings, sampleRate)) {
      return c.processAll(samples);
    }
  }

  private void runFrame(short[] out, int outOff) {
    for (int i = 0; i < frame; i++) {
      short s = pending[i];
      inBytes[2 * i] = (byte) s;
      inBytes[2 * i + 1] = (byte) (s >> 8);
    }
    int rc = apm.processStream(inBytes, streamConfig, streamConfig, outBytes);
    if (rc != 0) throw new IllegalStateException("WebRTC audio processing failed with error " + rc);
    // The module hears every frame, so the suppressor's noise estimate is warm the moment it
    // engages.
    byte[] heard = outBytes;
    if (floor != null) {
      floor.add(pending, frame);
      // Judged every 100 ms: the background does not change faster than that, and sorting every
      // frame is waste.
      if (floor.known() && ++framesSinceJudged >= 10) {
        framesSinceJudged = 0;
        double db = floor.db();
        if (!suppressing && db > settings.engageAboveDb()) suppressing = true;
        else if (suppressing && db < settings.engageAboveDb() - Settings.RELEASE_DB)
          suppressing = false;
      }
      if (!suppressing) heard = inBytes;
    }
    for (int i = 0; i < frame; i++) {
      out[outOff + i] = (short) ((heard[2 * i] & 0xff) | (heard[2 * i + 1] << 8));
    }
  }

  @Override
  public void close() {
    if (apm != null) apm.dispose();
  }
}
