package com.duesline.web;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} wrong tries within {@code lockMs} a key (a
 * name, or an address) is locked for {@code lockMs}. Entries older than that are forgotten once the
 * map grows, so an attacker who invents names cannot grow it without bound.
 */
final class SignInThrottle {
  private static final int PRUNE_ABOVE = 10_000;

  private record Failures(int count, long firstAt, long lockedUntil) {}

  private final int maxFailures;
  private final long lockMs;
  private final ConcurrentHashMap<String, Failures> byKey = new ConcurrentHashMap<>();

  SignInThrottle(int maxFailures, long lockMs) {
    this.maxFailures = maxFailures;
    this.lockMs = lockMs;
  }

  /** Milliseconds the key stays locked, 0 when it may try now. */
  long lockedFor(String key, long now) {
    Failures f = byKey.get(key);
    return f == null ? 0 : Math.max(0, f.lockedUntil() - now);
  }

  void failed(String key, long now) {
    if (byKey.size() > PRUNE_ABOVE)
      byKey.values().removeIf(f -> f.lockedUntil() < now && now - f.firstAt() > lockMs);
    byKey.compute(
        key,
        (k, f) -> {
          // Failures further apart than the lock time start a new count.
          Failures current =
              f == null || (now - f.firstAt() > lockMs && f.lockedUntil() < now)
                  ? new Failures(0, now, 0)
                  : f;
          int count = current.count() + 1;
          return count >= maxFailures
              ? new Failures(0, now, now + lockMs)
              : new Failures(count, current.firstAt(), current.lockedUntil());
        });
  }

  void succeeded(String key) {
    byKey.remove(key);
  }

  /** Keys tracked now (for tests). */
  int size() {
    return byKey.size();
  }
}
