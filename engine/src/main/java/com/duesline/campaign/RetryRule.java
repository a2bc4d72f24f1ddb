package com.duesline.campaign;

import java.time.Duration;

/**
 * After an outcome that reached no one: try again after {@code after}, at most {@code maxPerDay}
 * attempts a local day.
 */
public record RetryRule(Duration after, int maxPerDay) {}
