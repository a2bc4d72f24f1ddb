package com.duesline.telephony.carrier;

import java.util.Objects;

/**
 * Where a live call is handed off to: a phone number in E.164 or a SIP address ({@code
 * sip:agent@pbx}).
 */
public record TransferTarget(String address) {
  public TransferTarget {
    Objects.requireNonNull(address, "address");
    if (!isSip(address) && !address.matches("\\+[1-9]\\d{6,14}")) {
      throw new IllegalArgumentException(
          "transfer target must be E.164 (+15551234567) or sip:..., got '" + address + "'");
    }
  }

  /** True for a SIP URI. */
  public boolean isSip() {
    return isSip(address);
  }

  private static boolean isSip(String a) {
    return a.startsWith("sip:") || a.startsWith("sips:");
  }
}
