package com.duesline.speech;

import java.util.List;

/**
 * Short answers the conversation expects next ("yes", "no", digits, the debtor's name), used as
 * a Vosk grammar to bias recognition. If the constrained result is unusable (nothing, an
 * out-of-grammar "[unk]", or word confidence below {@code minConfidence}) the utterance is decoded
 * again without the grammar, so an unexpected answer is still heard.
 */
public record PhraseHints(List<String> phrases, double minConfidence) {
  public PhraseHints {
    phrases = phrases.stream().map(p -> p.trim().toLowerCase(java.util.Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
    if (phrases.isEmpty()) throw new IllegalArgumentException("phrase hints need at least one phrase");
  }

  /** Hints from phrases with the default confidence bar (0.6). */
  public static PhraseHints of(String... phrases) {
    return new PhraseHints(List.of(phrases), 0.6);
  }

  /** Yes/no answers and their common variants. */
  public static PhraseHints yesNo() {
    return of("yes", "no", "yeah", "yep", "nope", "sure", "okay", "right", "that's right", "not now", "i don't know");
  }

  /** Single spoken digits, for account numbers and DTMF-like answers. */
  public static PhraseHints digits() {
    return of("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
  }

  /** The Vosk grammar JSON: the phrases plus "[unk]" so out-of-grammar speech is marked, not forced. */
  public String grammarJson() {
    StringBuilder sb = new StringBuilder("[");
    for (String p : phrases) sb.append('"').append(p.replace("\"", "")).append("\",");
    return sb.append("\"[unk]\"]").toString();
  }
}
