package com.duesline.policy;

import java.time.Duration;

/**
 * At most {@code max} attempts on {@code channel} per period: a rolling {@code window}, or the
 * party's local calendar day when {@code window} is null.
 */
public record FrequencyCap(String id, Channel channel, int max, Duration window) {
  public FrequencyCap {
    if (max < 1)
      throw new IllegalArgumentException("cap " + id + " must allow at least one contact");
  }

  public boolean perLocalDay() {
    return window == null;
  }

  /** How the period reads in explanations and data files. */
  public String period() {
    if (window == null) return "local day";
    long h = window.toHours();
    return h % 24 == 0 ? (h / 24) + "d" : h + "h";
  }
}
