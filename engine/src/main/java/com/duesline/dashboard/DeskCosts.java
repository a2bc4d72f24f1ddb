package com.duesline.dashboard;

import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
import java.math.BigDecimal;

/**
 * What contacts cost: per call minute (answered calls, rounded up per call) and per text, from
 * {@code costs.per-minute} and {@code costs.per-sms}.
 */
public record DeskCosts(BigDecimal perMinute, BigDecimal perSms) {
  public static DeskCosts from(DueslineConfig config) {
    return new DeskCosts(price(config, "costs.per-minute"), price(config, "costs.per-sms"));
  }

  private static BigDecimal price(DueslineConfig config, String key) {
    String v = config.get(key).trim();
    try {
      BigDecimal p = new BigDecimal(v);
      if (p.signum() < 0) throw new ConfigException(key + ": a price cannot be negative, got " + v);
      return p;
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": expected a price such as 0.014, got '" + v + "'");
    }
  }
}
