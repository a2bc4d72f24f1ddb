package com.duesline.speech;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites what MaryTTS' English preprocessing reads badly into words it reads well, before
 * synthesis: currency amounts ("$1,250.50" → "1250 dollars and 50 cents") and digit groups
 * ("12,000" → "12000"). Everything else (dates, times, ordinals, abbreviations) MaryTTS expands
 * itself.
 */
public final class SpokenText {
  private static final Pattern MONEY =
      Pattern.compile("\\$\\s?(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{2}))?(?!\\d)");
  private static final Pattern GROUPED =
      Pattern.compile("(?<![\\d.])(\\d{1,3}(?:,\\d{3})+)(?![,\\d])");

  private SpokenText() {}

  /** The text with amounts spelled the way they should be spoken. */
  public static String normalise(String text) {
    Matcher m = MONEY.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String dollars = m.group(1).replace(",", "");
      int cents = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
      String spoken;
      if (dollars.matches("0+") && cents > 0) {
        spoken = cents + (cents == 1 ? " cent" : " cents");
      } else {
        spoken = dollars + (dollars.equals("1") ? " dollar" : " dollars");
        if (cents > 0) spoken += " and " + cents + (cents == 1 ? " cent" : " cents");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(spoken));
    }
    m.appendTail(sb);
    Matcher g = GROUPED.matcher(sb.toString());
    StringBuilder out = new StringBuilder();
    while (g.find()) g.appendReplacement(out, g.group(1).replace(",", ""));
    g.appendTail(out);
    return out.toString();
  }
}
