package com.duesline.telephony.carrier;

import java.util.Arrays;
import java.util.Locale;

/** Answering-machine detection outcome, Twilio's {@code AnsweredBy} values. */
public enum AmdResult {
  HUMAN,
  MACHINE_START,
  MACHINE_END_BEEP,
  MACHINE_END_SILENCE,
  MACHINE_END_OTHER,
  FAX,
  UNKNOWN;

  /** The value Twilio puts on the wire, e.g. {@code machine_end_beep}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when the greeting has ended and a voicemail can be left now. */
  public boolean isMachineEnd() {
    return this == MACHINE_END_BEEP || this == MACHINE_END_SILENCE || this == MACHINE_END_OTHER;
  }

  /** Parses a wire value; unknown values are an error naming the value. */
  public static AmdResult fromWire(String value) {
    return Arrays.stream(values())
        .filter(s -> s.wire().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown AnsweredBy '" + value + "'"));
  }
}
