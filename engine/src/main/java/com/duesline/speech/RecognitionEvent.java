package com.duesline.speech;

import java.util.List;

/**
 * A streaming result. Partials carry text only; finals carry words with times and whether the
 * phrase-hint grammar produced them. {@code at} is when it was emitted, in seconds of audio fed.
 */
public record RecognitionEvent(
    Kind kind, String text, List<RecognizedWord> words, double at, boolean fromHints) {
  /** Partial (may still change) or final (utterance ended). */
  public enum Kind {
    PARTIAL,
    FINAL
  }

  /** Mean word confidence, or 0 with no words. */
  public double confidence() {
    return words.stream().mapToDouble(RecognizedWord::conf).average().orElse(0);
  }
}
