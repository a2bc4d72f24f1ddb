package com.duesline.speech;

import java.util.function.Consumer;

/**
 * Recognises the utterances of one call leg whose start and end someone else decides (the VAD):
 * {@link #begin} at the start, the utterance's audio (PCM16, 16 kHz, pre-roll first) through {@link
 * #accept}, and {@link #end} for the final result. Partials go to the listener the recognizer was
 * opened with. One thread at a time; Vosk is one implementation, a scripted fake serves tests.
 */
public interface Recognizer extends AutoCloseable {
  /** Opens a recognizer for one call leg that reports partial results to {@code partials}. */
  @FunctionalInterface
  interface Factory {
    Recognizer open(Consumer<RecognitionEvent> partials);
  }

  /** Biases the next utterances toward these answers; null returns to free recognition. */
  void setHints(PhraseHints hints);

  /**
   * An utterance begins {@code streamSeconds} into the stream (where its first sample, pre-roll
   * included, sits).
   */
  void begin(double streamSeconds);

  /** Audio of the open utterance, PCM16 at 16 kHz. */
  void accept(short[] pcm, int n);

  /**
   * The voice paused (true) or came back (false) inside the open utterance. Endpointing judges a
   * pause by the words so far, so while it lasts they are reported now and often, not at the next
   * partial's turn. A recognizer whose partials are always current need not do anything.
   */
  default void paused(boolean paused) {}

  /** The open utterance ended: its final result (word times in stream seconds). */
  RecognitionEvent end();

  /** Releases native resources; nothing may be fed afterwards. */
  @Override
  void close();
}
