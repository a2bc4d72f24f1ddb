package com.duesline.intent;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an utterance was heard: its language ({@code en}/{@code zh}), the caller's local date (for
 * "next Friday"), and the question just asked, which may narrow matching to the intents it expects
 * and add that question's own example phrases (intent → phrases).
 */
public record MatchContext(
    String lang, LocalDate today, Set<String> expected, Map<String, List<String>> questionPhrases) {
  public MatchContext {
    expected = Set.copyOf(expected);
    questionPhrases = Map.copyOf(questionPhrases);
  }

  /** Free matching against the whole catalogue. */
  public static MatchContext open(String lang, LocalDate today) {
    return new MatchContext(lang, today, Set.of(), Map.of());
  }
}
