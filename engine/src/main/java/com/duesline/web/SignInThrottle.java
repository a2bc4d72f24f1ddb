package com.duesline.web;

import java.util.concurrent.ConcurrentHashMap;

/** Slows password guessing: after {@code maxFailures} wrong tries a name is locked for {@code lockMs}. */
final class SignInThrottle {
  private record Failures(int count, long lockedUntil) {}

  private final int maxFailures;
  private final long lockMs;
  private final ConcurrentHashMap<String, Failures> byName = new ConcurrentHashMap<>();

  SignInThrottle(int maxFailures, long lockMs) {
    this.maxFailures = maxFailures;
    this.lockMs = lockMs;
  }

  /** Milliseconds the name stays locked, 0 when it may try now. */
  long lockedFor(String name, long now) {
    Failures f = byName.get(name);
    return f == null ? 0 : Math.max(0, f.lockedUntil() - now);
  }

  void failed(String name, long now) {
    byName.compute(name, (k, f) -> {
      int count = (f == null ? 0 : f.count()) + 1;
      return count >= maxFailures ? new Failures(0, now + lockMs) : new Failures(count, f == null ? 0 : f.lockedUntil());
    });
  }

  void succeeded(String name) {
    byName.remove(name);
  }
}
