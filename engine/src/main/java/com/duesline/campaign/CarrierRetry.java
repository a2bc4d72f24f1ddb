package com.duesline.campaign;

import java.time.Duration;

/**
 * Backoff for carrier errors (failed call, 5xx): first retry, growth factor, and how many retries
 * before giving up for the day.
 */
public record CarrierRetry(Duration first, int factor, int maxRetries) {
  /** The wait before retry number {@code n} (1-based). */
  public Duration delay(int n) {
    Duration d = first;
    for (int i = 1; i < n; i++) d = d.multipliedBy(factor);
    return d;
  }
}
