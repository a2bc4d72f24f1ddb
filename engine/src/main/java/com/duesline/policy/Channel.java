package com.duesline.policy;

import java.util.Locale;

/** How a party is reached. Letters are exported for print and only obey the account-level rules. */
public enum Channel {
  CALL,
  SMS,
  LETTER;

  /** Parses "call", "sms" or "letter" (any case); null when it is none of them. */
  public static Channel parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Lower-case name as written in data files and JSON. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
