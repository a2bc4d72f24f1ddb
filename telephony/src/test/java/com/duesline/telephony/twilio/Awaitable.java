package com.duesline.telephony.twilio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Events collected from another thread; tests wait for the one they expect instead of sleeping. */
final class Awaitable<T> {
  private final List<T> items = new ArrayList<>();

  synchronized void add(T item) {
    items.add(item);
    notifyAll();
  }

  synchronized List<T> all() {
    return new ArrayList<>(items);
  }

  /**
   * The first item matching, waiting up to {@code timeout}; fails the test naming what was seen
   * instead.
   */
  synchronized T await(Predicate<T> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (T t : items) if (match.test(t)) return t;
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("timed out after " + timeout + "; saw " + items);
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
