package com.duesline.intent;

import java.util.Set;

/** An utterance with the intents that count as a right answer for it (held-out and eval files). */
public record LabelledUtterance(String text, Set<String> gold, String source) {
  public LabelledUtterance {
    gold = Set.copyOf(gold);
  }
}
