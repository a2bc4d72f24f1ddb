package com.duesline.telephony.carrier;

import java.util.Locale;
import java.util.Set;

/**
 * What an inbound SMS asks of the sender's consent: the carrier-standard opt-out, opt-in and help
 * keywords.
 */
public enum SmsKeyword {
  OPT_OUT,
  OPT_IN,
  HELP,
  NONE;

  private static final Set<String> OPT_OUT_WORDS =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
  private static final Set<String> OPT_IN_WORDS = Set.of("START", "UNSTOP");
  private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

  /**
   * Classifies a message body the way carriers do: the whole body, trimmed and case-insensitive,
   * must be the keyword (trailing punctuation ignored), so "please stop calling at night" is not an
   * opt-out here; the engine's intent matcher judges free text.
   */
  public static SmsKeyword of(String body) {
    if (body == null) return NONE;
    String word = body.strip().replaceAll("[.!?]+$", "").toUpperCase(Locale.ROOT);
    if (OPT_OUT_WORDS.contains(word)) return OPT_OUT;
    if (OPT_IN_WORDS.contains(word)) return OPT_IN;
    if (HELP_WORDS.contains(word)) return HELP;
    return NONE;
  }
}
