package com.duesline.campaign;

import com.duesline.config.DueslineConfig;
import java.time.Duration;

/**
 * What the dialer may use: calls per second (the carrier account's CPS), concurrent channels, and
 * how long a claim lasts before another node may take the task over.
 */
public record DialerLimits(double cps, int channels, Duration lease) {
  public DialerLimits {
    if (cps <= 0) throw new IllegalArgumentException("cps must be more than 0, got " + cps);
    if (channels < 1)
      throw new IllegalArgumentException("channels must be at least 1, got " + channels);
  }

  /**
   * From configuration: {@code carrier.cps}, {@code dialer.channels}, {@code dialer.lease-seconds}.
   */
  public static DialerLimits from(DueslineConfig config) {
    return new DialerLimits(
        config.getDouble("carrier.cps"),
        config.getInt("dialer.channels"),
        Duration.ofSeconds(config.getInt("dialer.lease-seconds")));
  }
}
