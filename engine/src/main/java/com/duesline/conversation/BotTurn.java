package com.duesline.conversation;

import java.util.List;
import java.util.Map;

/**
 * The bot's answer to one caller turn: the prompts spoken (each with its variant and whether it may
 * be interrupted), the node the conversation now rests on, what was heard (intent and captured
 * entities), whether the call is over, the outcome so far, and the track version.
 */
public record BotTurn(
    String node,
    List<Spoken> spoken,
    String intent,
    Map<String, String> entities,
    boolean ended,
    Outcome outcome,
    String trackId,
    String trackVersion) {
  public BotTurn {
    spoken = List.copyOf(spoken);
    entities = Map.copyOf(entities);
  }

  /** Everything spoken this turn as one text. */
  public String say() {
    return String.join(" ", spoken.stream().map(Spoken::text).toList());
  }

  /** True when every prompt of this turn may be talked over (the voice runtime's barge-in rule). */
  public boolean interruptible() {
    return spoken.stream().allMatch(Spoken::interruptible);
  }
}
