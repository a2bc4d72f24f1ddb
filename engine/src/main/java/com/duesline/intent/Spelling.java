package com.duesline.intent;

import java.util.Map;

/**
 * Corrects a word the examples never use to the nearest word they do, the way ASR misspells
 * ("morgage" → "mortgage"): at most one edit for words of up to five letters, two beyond; ties go
 * to the more frequent word. Short words are left alone: at that length one edit is another word.
 */
final class Spelling {
  private static final int MIN_LENGTH = 4;

  private Spelling() {}

  /** The nearest vocabulary word, or null when none is close enough. */
  static String nearest(String word, Map<String, Integer> vocabulary) {
    return nearest(word, vocabulary, 2);
  }

  /** The nearest vocabulary word within {@code maxEdits} (and the length limits above), or null. */
  static String nearest(String word, Map<String, Integer> vocabulary, int maxEdits) {
    if (word.length() < MIN_LENGTH) return null;
    int max = Math.min(maxEdits, word.length() <= 5 ? 1 : 2);
    String best = null;
    int bestDistance = max + 1;
    int bestFreq = -1;
    for (var e : vocabulary.entrySet()) {
      String v = e.getKey();
      if (Math.abs(v.length() - word.length()) > max
          || v.length() < MIN_LENGTH - 1
          || v.startsWith(ExampleIndex.ALT_MARK)) continue;
      int d = distance(word, v, max);
      if (d < bestDistance || (d == bestDistance && d <= max && e.getValue() > bestFreq)) {
        best = v;
        bestDistance = d;
        bestFreq = e.getValue();
      }
    }
    return bestDistance <= max ? best : null;
  }

  /** Optimal-string-alignment distance, stopping early once every path exceeds {@code max}. */
  static int distance(String a, String b, int max) {
    int n = a.length();
    int m = b.length();
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) prev[j] = j;
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) return max + 1;
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}
