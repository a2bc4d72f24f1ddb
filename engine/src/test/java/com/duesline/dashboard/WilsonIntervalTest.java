package com.duesline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The Wilson score interval against published worked examples: Newcombe (1998), "Two-sided
 * confidence intervals for the single proportion", Statistics in Medicine 17, Table I (method 3).
 */
class WilsonIntervalTest {
  @Test
  void matchesNewcombesWorkedExamples() {
    check(81, 263, 0.2553, 0.3662);
    check(15, 148, 0.0624, 0.1605);
    check(0, 20, 0.0, 0.1611);
    check(1, 29, 0.0061, 0.1718);
  }

  @Test
  void halfOfTenAndAllOfTwo() {
    check(5, 10, 0.2366, 0.7634);
    check(2, 2, 0.3424, 1.0);
    WilsonInterval none = WilsonInterval.of(0, 0);
    assertThat(none.low()).isZero();
    assertThat(none.high()).isEqualTo(1.0);
  }

  @Test
  void overlappingIntervalsMeanNoClearLeader() {
    assertThat(WilsonInterval.of(2, 2).overlaps(WilsonInterval.of(0, 1))).isTrue();
    // 60 of 100 against 30 of 100: [0.502, 0.691] and [0.219, 0.396] do not meet.
    assertThat(WilsonInterval.of(60, 100).overlaps(WilsonInterval.of(30, 100))).isFalse();
    assertThat(WilsonInterval.of(30, 100).overlaps(WilsonInterval.of(60, 100))).isFalse();
  }

  private static void check(long k, long n, double low, double high) {
    WilsonInterval w = WilsonInterval.of(k, n);
    assertThat(w.rate()).isCloseTo((double) k / n, within(1e-12));
    assertThat(w.low()).as("low of %d/%d", k, n).isCloseTo(low, within(0.00006));
    assertThat(w.high()).as("high of %d/%d", k, n).isCloseTo(high, within(0.00006));
  }
}
