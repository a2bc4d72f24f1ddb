package com.duesline.telephony.carrier;

import java.util.Set;

/**
 * The one place phone numbers are masked for logs and screens: country code and last four digits
 * stay, everything between becomes {@code •} ({@code +8613812341234} → {@code +86•••••••1234}).
 */
public final class PhoneMask {
  private static final char DOT = '\u2022';

  /**
   * ITU calling codes of one or two digits; every other code has three (E.164 assignment rules).
   */
  private static final Set<String> ONE_DIGIT = Set.of("1", "7");

  private static final Set<String> TWO_DIGITS =
      Set.of(
          "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
          "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
          "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98");

  private PhoneMask() {}

  /**
   * The masked form of {@code e164}; anything that is not E.164 is masked all but its last two
   * characters.
   */
  public static String mask(String e164) {
    if (e164 == null || e164.isEmpty()) return "";
    if (!e164.matches("\\+[1-9][0-9]{6,14}")) {
      int keep = Math.min(2, e164.length() / 4);
      return String.valueOf(DOT).repeat(e164.length() - keep)
          + e164.substring(e164.length() - keep);
    }
    String digits = e164.substring(1);
    int cc =
        ONE_DIGIT.contains(digits.substring(0, 1))
            ? 1
            : TWO_DIGITS.contains(digits.substring(0, 2)) ? 2 : 3;
    int tail = Math.min(4, digits.length() - cc - 1);
    int hidden = digits.length() - cc - tail;
    return "+"
        + digits.substring(0, cc)
        + String.valueOf(DOT).repeat(hidden)
        + digits.substring(digits.length() - tail);
  }
}
