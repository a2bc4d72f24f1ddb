package com.duesline.speech;

import java.util.Locale;

/** Word error rate: word-level edit distance over reference length. */
public final class WordErrorRate {
  private WordErrorRate() {}

  /** Contractions count as their expansion (a recognizer may hear "i'm" for "I am"); scoring is on words. */
  private static final java.util.Map<String, String> CONTRACTIONS = java.util.Map.of(
      "i'm", "i am", "don't", "do not", "can't", "can not", "cannot", "can not", "won't", "will not",
      "i'll", "i will", "it's", "it is", "that's", "that is", "you're", "you are", "i've", "i have");

  /** The scored words of a text: lower case, letters and apostrophes, contractions expanded. */
  public static String[] words(String s) {
    String t = (" " + s.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ") + " ").replaceAll("\\s+", " ");
    for (var e : CONTRACTIONS.entrySet()) t = t.replace(" " + e.getKey() + " ", " " + e.getValue() + " ");
    t = t.trim();
    return t.isEmpty() ? new String[0] : t.split("\\s+");
  }

  /** Substitutions + deletions + insertions turning reference into hypothesis. */
  public static int errors(String reference, String hypothesis) {
    String[] r = words(reference);
    String[] h = words(hypothesis);
    int[] prev = new int[h.length + 1];
    int[] cur = new int[h.length + 1];
    for (int j = 0; j <= h.length; j++) prev[j] = j;
    for (int i = 1; i <= r.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= h.length; j++) {
        int sub = prev[j - 1] + (r[i - 1].equals(h[j - 1]) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[h.length];
  }

  /** Number of scored words in a reference. */
  public static int length(String reference) {
    return words(reference).length;
  }
}
