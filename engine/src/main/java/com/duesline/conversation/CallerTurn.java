package com.duesline.conversation;

import com.duesline.intent.IntentMatch;

/** What the caller did in one turn: said something (already classified), stayed silent, or pressed keys. */
public sealed interface CallerTurn {
  /** Speech or text, with the classifier's reading of it. */
  record Heard(IntentMatch match) implements CallerTurn {}

  /** Nothing was said before the endpointing timeout (or an empty line in text mode). */
  record Silence() implements CallerTurn {}

  /** DTMF digits pressed on the keypad. */
  record Keys(String digits) implements CallerTurn {}

  static CallerTurn silence() {
    return new Silence();
  }
}
