package com.duesline.call;

/**
 * Names the mark sent after each prompt, {@code <phase>:<kind>#<n>}: {@code ask} for the prompt that
 * poses the open question (kind = the question kind, so a listener knows what was asked), {@code end}
 * for the goodbye, {@code say} otherwise. The local carrier's personas key their replies on it.
 */
final class MarkNames {
  private MarkNames() {}

  static String of(String phase, String kind, int n) {
    return phase + ":" + kind + "#" + n;
  }
}
