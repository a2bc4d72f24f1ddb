package com.duesline.telephony.carrier;

import java.util.Arrays;
import java.util.Locale;

/** A message's delivery state, Twilio's {@code MessageStatus} values. */
public enum SmsStatus {
  ACCEPTED,
  SCHEDULED,
  QUEUED,
  SENDING,
  SENT,
  DELIVERED,
  UNDELIVERED,
  FAILED,
  RECEIVING,
  RECEIVED,
  READ,
  CANCELED;

  /** The value Twilio puts on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire value; unknown values are an error naming the value. */
  public static SmsStatus fromWire(String value) {
    return Arrays.stream(values())
        .filter(s -> s.wire().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown MessageStatus '" + value + "'"));
  }
}
