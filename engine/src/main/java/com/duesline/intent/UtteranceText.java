package com.duesline.intent;

/**
 * Makes any input line safe to analyse: control characters and undecodable bytes become spaces,
 * length is bounded.
 */
public final class UtteranceText {
  /**
   * Longest text analysed. A spoken turn is a few dozen words; anything beyond this is a transcript
   * glitch or pasted junk, and classifying its head keeps latency bounded whatever arrives.
   */
  public static final int MAX_CHARS = 1000;

  private UtteranceText() {}

  /**
   * The cleaned text: no control or replacement characters, single spaces, at most {@link
   * #MAX_CHARS}.
   */
  public static String clean(String raw) {
    if (raw == null) return "";
    StringBuilder sb = new StringBuilder(Math.min(raw.length(), MAX_CHARS + 16));
    boolean space = true;
    for (int i = 0; i < raw.length() && sb.length() < MAX_CHARS; ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      boolean junk =
          Character.isISOControl(cp)
              || cp == 0xFFFD
              || Character.getType(cp) == Character.UNASSIGNED
              || Character.getType(cp) == Character.SURROGATE
              || Character.getType(cp) == Character.PRIVATE_USE;
      if (junk || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (!space) sb.append(' ');
        space = true;
      } else {
        sb.appendCodePoint(cp);
        space = false;
      }
    }
    return sb.toString().strip();
  }

  /** True when the text holds at least one letter or digit (in any script) worth classifying. */
  public static boolean hasWords(String cleaned) {
    return cleaned.codePoints().anyMatch(Character::isLetterOrDigit);
  }
}
