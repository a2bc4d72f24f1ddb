package com.duesline.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a prompt into the sentences it is rendered and played by: the first plays while the rest
 * renders, and a sentence that names nothing personal ("Have a good day.") is the same text in
 * every call, so the prompt cache serves it. A sentence ends at '.', '?' or '!' (or '。', '？', '！')
 * followed by a space or the end; "$1,996.80" and "4.5%" stay whole.
 */
public final class Sentences {
  private Sentences() {}

  /**
   * The sentences of {@code text}, trimmed, in order; a text without an end mark is one sentence.
   */
  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean wide = c == '。' || c == '？' || c == '！';
      boolean end =
          wide
              || ((c == '.' || c == '?' || c == '!')
                  && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))));
      if (!end) continue;
      // Keep a run of marks ("?!", "...") with its sentence.
      while (i + 1 < text.length() && ".?!。？！".indexOf(text.charAt(i + 1)) >= 0) i++;
      add(out, text.substring(start, i + 1));
      start = i + 1;
    }
    add(out, text.substring(start));
    return out;
  }

  private static void add(List<String> out, String sentence) {
    String s = sentence.strip();
    if (!s.isEmpty()) out.add(s);
  }
}
