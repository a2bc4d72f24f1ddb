package com.duesline.dashboard;

/**
 * The Wilson score interval for a proportion of {@code successes} in {@code trials}: unlike the
 * normal approximation it stays inside [0, 1] and behaves at 0 or n successes, which small A/B
 * samples hit often.
 */
public record WilsonInterval(long successes, long trials, double rate, double low, double high) {
  /** z for a two-sided 95 % interval. */
  public static final double Z95 = 1.959963984540054;

  /** The 95 % interval; with no trials the rate is 0 and the interval the whole of [0, 1]. */
  public static WilsonInterval of(long successes, long trials) {
    if (trials < 0 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "need 0 <= successes <= trials, got " + successes + " of " + trials);
    }
    if (trials == 0) return new WilsonInterval(0, 0, 0, 0, 1);
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = Z95 / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new WilsonInterval(
        successes, trials, p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /** True when the two intervals share any value (then neither variant is clearly ahead). */
  public boolean overlaps(WilsonInterval other) {
    return low <= other.high && other.low <= high;
  }
}
