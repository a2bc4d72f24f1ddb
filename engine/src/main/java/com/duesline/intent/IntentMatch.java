package com.duesline.intent;

import java.util.List;
import java.util.Map;

/**
 * What a caller's utterance means: the chosen intent (or {@code out_of_scope} when nothing is
 * confident enough), its score, the runners-up, and the facts pulled out of it (keys such as {@code
 * date} as ISO yyyy-MM-dd, {@code amount} as a plain decimal "200.00", {@code installments} as a
 * count, {@code yes_no} as "yes"/"no").
 */
public record IntentMatch(
    String text,
    String intent,
    double score,
    List<Alternative> alternatives,
    Map<String, String> entities) {
  public IntentMatch {
    alternatives = List.copyOf(alternatives);
    entities = Map.copyOf(entities);
  }

  /** A runner-up intent and its score. */
  public record Alternative(String intent, double score) {}
}
