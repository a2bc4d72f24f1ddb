package com.duesline.speech;

import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Resampler;

/**
 * Voice activity gating for one call leg: decodes and resamples the inbound frames to 16 kHz, runs
 * {@link Vad} on each, and passes on only the audio of utterances, each starting with the {@value
 * #PRE_ROLL_MS} ms heard before the VAD fired (so the first phoneme is not clipped). Cheap enough
 * for an event loop; the recognizer behind it then sees speech only. Frames are cleaned first
 * ({@link AudioCleaner}: the same chain as files and the playground), so noise neither opens the
 * VAD nor reaches the recognizer.
 */
public final class VoiceGate implements AutoCloseable {
  /** Audio kept from before the VAD fires. */
  public static final int PRE_ROLL_MS = 300;

  /** Where gated audio goes. */
  public interface Sink {
    /** An utterance starts {@code streamSeconds} into the stream (pre-roll included). */
    void started(double streamSeconds);

    /** Audio of the utterance (the array is the gate's: copy what you keep). */
    void audio(short[] pcm16k, int n);

    /** The utterance ended (after the frame passed last). */
    void stopped(double streamSeconds);
  }

  private final int inputRate;
  private final Vad vad;
  private final Resampler toRecognizerRate;
  private short[] decoded = new short[160];
  private short[] pcm16 = new short[400];
  private final short[] preRoll = new short[Transcriber.RATE * PRE_ROLL_MS / 1000];
  private int preRollPos;
  private int preRollFill;
  private long samplesIn;

  /** Null when clean-up is off or the input rate is one the processing module does not take. */
  private final AudioCleaner cleaner;

  private short[] cleaned = new short[160];
  private boolean closed;

  /**
   * A gate for audio at {@code inputRate} (8000 for phone audio) hearing through the default
   * clean-up chain.
   */
  public VoiceGate(Vad.Settings settings, int inputRate) {
    this(settings, inputRate, AudioCleaner.Settings.DEFAULT);
  }

  /**
   * A gate for audio at {@code inputRate} hearing through {@code cleanup} ({@code
   * speech.cleanup.*}).
   */
  public VoiceGate(Vad.Settings settings, int inputRate, AudioCleaner.Settings cleanup) {
    this.inputRate = inputRate;
    this.cleaner =
        cleanup.active() && AudioCleaner.RATES.contains(inputRate)
            ? new AudioCleaner(cleanup, inputRate)
            : null;
    this.vad = new Vad(settings, Transcriber.RATE);
    this.toRecognizerRate =
        inputRate == Transcriber.RATE ? null : Resampler.streaming(inputRate, Transcriber.RATE);
  }

  /** Whether the clean-up has judged this line noisy ({@link AudioCleaner#noisyLine}). */
  public boolean noisyLine() {
    return cleaner != null && cleaner.noisyLine();
  }

  /** Whether an utterance is in progress. */
  public boolean speaking() {
    return vad.speaking();
  }

  /** Silence so far inside the utterance in progress, ms. */
  public double silentMs() {
    return vad.silentMs();
  }

  /** Voiced time of the utterance in progress, ms. */
  public double voicedMs() {
    return vad.voicedMs();
  }

  /** Ends the utterance in progress now (judged complete before the VAD's hang-over). */
  public void endNow(Sink sink) {
    if (!vad.speaking()) return;
    vad.endNow();
    sink.stopped(secondsFed());
  }

  /** Seconds of audio fed so far. */
  public double secondsFed() {
    return samplesIn / (double) Transcriber.RATE;
  }

  /** Feeds G.711 µ-law bytes (requires an 8 kHz gate). */
  public Vad.Event acceptMulaw(byte[] frame, int off, int len, Sink sink) {
    if (inputRate != 8000)
      throw new IllegalStateException(
          "µ-law input needs an 8 kHz gate, this one takes " + inputRate + " Hz");
    if (decoded.length < len) decoded = new short[len];
    MuLaw.decode(frame, off, decoded, 0, len);
    return acceptPcm(decoded, 0, len, sink);
  }

  /** Feeds PCM16 samples at the input rate. */
  public Vad.Event acceptPcm(short[] frame, int off, int len, Sink sink) {
    if (cleaner != null) {
      if (cleaned.length < cleaner.maxOutput(len)) cleaned = new short[cleaner.maxOutput(len)];
      len = cleaner.process(frame, off, len, cleaned, 0);
      frame = cleaned;
      off = 0;
    }
    short[] in;
    int n;
    if (toRecognizerRate == null) {
      if (pcm16.length < len) pcm16 = new short[len];
      System.arraycopy(frame, off, pcm16, 0, len);
      in = pcm16;
      n = len;
    } else {
      int max = toRecognizerRate.maxOutput(len);
      if (pcm16.length < max) pcm16 = new short[max];
      n = toRecognizerRate.process(frame, off, len, pcm16, 0);
      in = pcm16;
    }
    Vad.Event event = vad.accept(in, 0, n);
    samplesIn += n;
    switch (event) {
      case SPEECH_START -> {
        sink.started((samplesIn - n - preRollFill) / (double) Transcriber.RATE);
        // Replay the pre-roll (oldest first) so the start of the first word reaches the recognizer.
        if (preRollFill > 0) {
          short[] replay = new short[preRollFill];
          int start = (preRollPos - preRollFill + preRoll.length) % preRoll.length;
          for (int i = 0; i < preRollFill; i++) replay[i] = preRoll[(start + i) % preRoll.length];
          preRollFill = 0;
          sink.audio(replay, replay.length);
        }
        sink.audio(in, n);
      }
      case SPEECH_END -> {
        sink.audio(in, n);
        sink.stopped(secondsFed());
      }
      case NONE -> {
        if (vad.speaking()) sink.audio(in, n);
        else remember(in, n);
      }
    }
    return event;
  }

  private void remember(short[] pcm, int n) {
    for (int i = 0; i < n; i++) {
      preRoll[preRollPos] = pcm[i];
      preRollPos = (preRollPos + 1) % preRoll.length;
    }
    preRollFill = Math.min(preRoll.length, preRollFill + n);
  }

  /** Releases the clean-up chain's native state. */
  @Override
  public void close() {
    if (cleaner != null && !closed) cleaner.close();
    closed = true;
  }
}
