package com.duesline.speech;

import java.util.Locale;

/** Word error rate: word-level edit distance over reference length. */
public final class WordErrorRate {
  private WordErrorRate() {}

  /**
   * Contractions count as their expansion (a recognizer may hear "i'm" for "I am"); scoring is on
   * words.
   */
  private static final java.util.Map<String, String> CONTRACTIONS =
      java.util.Map.ofEntries(
          java.util.Map.entry("i'm", "i am"),
          java.util.Map.entry("don't", "do not"),
          java.util.Map.entry("can't", "can not"),
          java.util.Map.entry("cannot", "can not"),
          java.util.Map.entry("won't", "will not"),
          java.util.Map.entry("i'll", "i will"),
          java.util.Map.entry("it's", "it is"),
          java.util.Map.entry("that's", "that is"),
          java.util.Map.entry("you're", "you are"),
          java.util.Map.entry("i've", "i have"),
          java.util.Map.entry("you've", "you have"));

  /** The scored words of a text: lower case, letters and apostrophes, contractions expanded. */
  public static String[] words(String s) {
    String t =
        (" " + s.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ") + " ")
            .replaceAll("\\s+", " ");
    for (var e : CONTRACTIONS.entrySet())
      t = t.replace(" " + e.getKey() + " ", " " + e.getValue() + " ");
    t = t.trim();
    return t.isEmpty() ? new String[0] : t.split("\\s+");
  }

  /**
   * Substitutions + deletions + insertions turning reference into hypothesis. A word written closed
   * in one and open in the other ("keywords" / "key words", "reentered" / "re entered") is the same
   * spoken word and counts as a match, as scoring tools' compound rules do.
   */
  public static int errors(String reference, String hypothesis) {
    String[] r = words(reference);
    String[] h = words(hypothesis);
    int[][] d = new int[r.length + 1][h.length + 1];
    for (int j = 0; j <= h.length; j++) d[0][j] = j;
    for (int i = 1; i <= r.length; i++) {
      d[i][0] = i;
      for (int j = 1; j <= h.length; j++) {
        int best =
            Math.min(
                d[i - 1][j - 1] + (r[i - 1].equals(h[j - 1]) ? 0 : 1),
                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (j >= 2 && r[i - 1].equals(h[j - 2] + h[j - 1])) best = Math.min(best, d[i - 1][j - 2]);
        if (i >= 2 && h[j - 1].equals(r[i - 2] + r[i - 1])) best = Math.min(best, d[i - 2][j - 1]);
        d[i][j] = best;
      }
    }
    return d[r.length][h.length];
  }

  /** Number of scored words in a reference. */
  public static int length(String reference) {
    return words(reference).length;
  }
}
