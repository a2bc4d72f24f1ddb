package com.duesline.telephony.carrier;

import java.util.Arrays;
import java.util.Locale;

/**
 * A call's progress as Twilio reports it in {@code CallStatus}; the wire value is the lower-case
 * hyphenated form.
 */
public enum CallStatus {
  QUEUED,
  RINGING,
  IN_PROGRESS,
  COMPLETED,
  BUSY,
  NO_ANSWER,
  FAILED,
  CANCELED;

  /** The value Twilio puts on the wire, e.g. {@code in-progress}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True once the call can no longer change. */
  public boolean isFinal() {
    return this == COMPLETED
        || this == BUSY
        || this == NO_ANSWER
        || this == FAILED
        || this == CANCELED;
  }

  /** Parses a wire value; unknown values are an error naming the value. */
  public static CallStatus fromWire(String value) {
    return Arrays.stream(values())
        .filter(s -> s.wire().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown CallStatus '" + value + "'"));
  }
}
