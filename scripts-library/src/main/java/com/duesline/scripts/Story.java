package com.duesline.scripts;

import java.util.List;
import java.util.Map;

/**
 * A conversation test, like a Rasa story: the account, the caller's turns with what the bot must do
 * after each, and the final outcome. Stored in {@code tracks/stories/<lang>/*.yaml}.
 *
 * @param account facts for the call (file defaults merged with the story's own)
 * @param outcome expected outcome fields (only those given are checked)
 */
public record Story(
    String name,
    String file,
    int line,
    String track,
    String lang,
    long seed,
    Map<String, String> account,
    List<Step> steps,
    Map<String, Object> outcome) {
  public Story {
    account = Map.copyOf(account);
    steps = List.copyOf(steps);
    outcome = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcome));
  }

  /**
   * One caller turn and the expectations after it. Exactly one of {@code caller} (text; "" is
   * silence) or {@code keys} (DTMF) is set; null expectations are not checked. {@code unsure} names
   * entities ({@code amount}, {@code date}) the recognizer is taken to have heard with low
   * confidence, as noise on a call would leave them.
   */
  public record Step(
      int line,
      String caller,
      String keys,
      String node,
      String intent,
      Map<String, String> entities,
      String says,
      String notSays,
      List<String> unsure) {
    public Step {
      entities = Map.copyOf(entities);
      unsure = List.copyOf(unsure);
    }
  }
}
