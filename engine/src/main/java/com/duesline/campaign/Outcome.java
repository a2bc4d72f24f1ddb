package com.duesline.campaign;

import java.util.Locale;

/** How one contact attempt ended, as the channel reports it. */
public enum Outcome {
  NO_ANSWER,
  BUSY,
  VOICEMAIL,
  CARRIER_ERROR,
  DELIVERED,
  EXPORTED,
  CONVERSATION,
  PROMISE,
  REFUSED,
  WRONG_NUMBER,
  OPT_OUT,
  DISPUTE,
  ATTORNEY,
  BEREAVEMENT,
  HANDOFF;

  /** A person was reached and spoken with: starts the Reg F cool-down. */
  public boolean conversation() {
    return switch (this) {
      case CONVERSATION, PROMISE, REFUSED, OPT_OUT, DISPUTE, ATTORNEY, BEREAVEMENT, HANDOFF -> true;
      default -> false;
    };
  }

  /** The attempt did not reach anyone, so the rung's retry rules decide what comes next. */
  public boolean retryable() {
    return this == NO_ANSWER || this == BUSY || this == VOICEMAIL || this == CARRIER_ERROR;
  }

  /** Parses "no_answer" or "NO_ANSWER"; null when unknown. */
  public static Outcome parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
