package com.duesline.conversation;

import com.duesline.intent.IntentMatch;

/**
 * What the caller did in one turn: said something (already classified), stayed silent, or pressed
 * keys.
 */
public sealed interface CallerTurn {
  /**
   * Speech or text, with the classifier's reading of it. {@code unsure} names the entities ({@code
   * amount}, {@code date}) whose words the recognizer heard with low confidence: captured anyway,
   * but the track reads them back before recording a promise (variable {@code readback}).
   */
  record Heard(IntentMatch match, java.util.Set<String> unsure) implements CallerTurn {
    public Heard {
      unsure = java.util.Set.copyOf(unsure);
    }

    /** Typed text or speech heard with confidence: nothing to read back. */
    public Heard(IntentMatch match) {
      this(match, java.util.Set.of());
    }
  }

  /** Nothing was said before the endpointing timeout (or an empty line in text mode). */
  record Silence() implements CallerTurn {}

  /** DTMF digits pressed on the keypad. */
  record Keys(String digits) implements CallerTurn {}

  static CallerTurn silence() {
    return new Silence();
  }
}
