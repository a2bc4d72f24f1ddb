package com.duesline.scripts;

import java.util.List;
import java.util.Map;

/**
 * One step of a talk track. Which fields matter depends on {@link NodeType}; the parser has already
 * checked that the ones a type needs are there.
 *
 * @param on intent → node for an ask (merged with the track's handler set named by {@code use})
 * @param dtmf key → intent, so every question can be answered on the keypad
 * @param phrases intent → extra example phrases for this question only
 * @param capture entity key (date, amount, installments) → variable that stores it
 * @param verify variable whose digits the caller must say or key in; {@code on.verified}/{@code
 *     on.failed}
 * @param disclosure this node's prompts are the business identification and AI/recording disclosure
 * @param verifies reaching this node means the right party is verified
 */
public record Node(
    String id,
    NodeType type,
    List<Prompt> prompts,
    String next,
    Map<String, String> on,
    String use,
    Map<String, String> dtmf,
    Map<String, List<String>> phrases,
    Map<String, String> capture,
    Prompt reprompt,
    int maxReprompts,
    String fallback,
    String verify,
    Map<String, String> set,
    OutcomeSpec outcome,
    List<Branch> branches,
    String otherwise,
    boolean disclosure,
    boolean verifies,
    String file,
    int line) {
  public Node {
    prompts = List.copyOf(prompts);
    on = Map.copyOf(on);
    dtmf = Map.copyOf(dtmf);
    phrases = Map.copyOf(phrases);
    capture = Map.copyOf(capture);
    set = Map.copyOf(set);
    branches = List.copyOf(branches);
  }
}
