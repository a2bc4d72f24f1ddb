package com.duesline.speech;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.vosk.Model;

/**
 * Live recognition for one stream that gates itself: feed it 20 ms frames (8 kHz µ-law from the
 * phone, or PCM at the rate given at construction); a {@link VoiceGate} runs the VAD on every frame
 * and a {@link VoskRecognizer} decodes only the utterances, emitting partials and one final per
 * utterance at the endpoint. Not thread-safe: one stream's audio arrives in order on one thread. (A
 * live call runs the gate on its own context and the recognizer on the speech pool instead.)
 */
public final class StreamingRecognizer implements AutoCloseable {
  private final VoiceGate gate;
  private final VoskRecognizer recognizer;
  private final Vad.Settings vadSettings;
  private final Consumer<RecognitionEvent> listener;
  private final VoiceGate.Sink sink;
  private boolean closed;

  /**
   * A recognizer for audio at {@code inputRate} (8000 for phone audio), reporting to {@code
   * listener}.
   */
  public StreamingRecognizer(
      Model model,
      int inputRate,
      Vad.Settings vadSettings,
      MeterRegistry registry,
      Consumer<RecognitionEvent> listener) {
    this(model, inputRate, vadSettings, AudioCleaner.Settings.DEFAULT, registry, listener);
  }

  /**
   * A recognizer for audio at {@code inputRate} hearing through {@code cleanup} ({@code
   * speech.cleanup.*}), reporting to {@code listener}.
   */
  public StreamingRecognizer(
      Model model,
      int inputRate,
      Vad.Settings vadSettings,
      AudioCleaner.Settings cleanup,
      MeterRegistry registry,
      Consumer<RecognitionEvent> listener) {
    this.vadSettings = vadSettings;
    this.gate = new VoiceGate(vadSettings, inputRate, cleanup);
    this.listener = listener;
    this.recognizer = new VoskRecognizer(model, vadSettings.maxUtteranceMs(), registry, listener);
    this.sink =
        new VoiceGate.Sink() {
          @Override
          public void started(double streamSeconds) {
            recognizer.begin(streamSeconds);
          }

          @Override
          public void audio(short[] pcm16k, int n) {
            recognizer.accept(pcm16k, n);
          }

          @Override
          public void stopped(double streamSeconds) {
            listener.accept(recognizer.end());
          }
        };
  }

  /** Biases the next utterances toward these answers; null returns to free recognition. */
  public void setHints(PhraseHints hints) {
    recognizer.setHints(hints);
  }

  /** Seconds of audio fed so far. */
  public double secondsFed() {
    return gate.secondsFed();
  }

  /** Whether an utterance is in progress. */
  public boolean inUtterance() {
    return gate.speaking();
  }

  /** Feeds G.711 µ-law bytes (requires an 8 kHz recognizer). */
  public void acceptMulaw(byte[] frame, int off, int len) {
    if (closed) throw new IllegalStateException("recognizer is closed");
    gate.acceptMulaw(frame, off, len, sink);
  }

  /** Feeds PCM16 samples at the input rate. */
  public void acceptPcm(short[] frame, int off, int len) {
    if (closed) throw new IllegalStateException("recognizer is closed");
    gate.acceptPcm(frame, off, len, sink);
  }

  /** Ends the stream: an utterance still open is finished and reported. */
  public void finish() {
    if (recognizer.open()) listener.accept(recognizer.end());
  }

  @Override
  public void close() {
    recognizer.close();
    gate.close();
    closed = true;
  }

  /** The VAD settings in use. */
  public Vad.Settings vadSettings() {
    return vadSettings;
  }
}
