package com.duesline.speech;

import java.util.List;

/**
 * A streaming result. Partials carry text only, and {@code constrained}: the words so far of the
 * phrase-hint grammar decoding beside the open recognizer ("" when none runs); finals carry words
 * with times and whether the grammar produced them. {@code at} is when it was emitted, in seconds
 * of audio fed.
 */
public record RecognitionEvent(
    Kind kind,
    String text,
    List<RecognizedWord> words,
    double at,
    boolean fromHints,
    String constrained) {
  /** A result with no grammar's partial beside it. */
  public RecognitionEvent(
      Kind kind, String text, List<RecognizedWord> words, double at, boolean fromHints) {
    this(kind, text, words, at, fromHints, "");
  }

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
