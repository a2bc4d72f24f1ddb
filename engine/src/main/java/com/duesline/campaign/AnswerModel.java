package com.duesline.campaign;

import com.duesline.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When people answer, learnt across the estate: voice attempts and answers by the party's local
 * weekday and hour. Each slot's estate rate is shrunk towards the estate's overall rate (a slot
 * with little data says little). For one account, each slot has a Beta posterior: the estate rate
 * as a prior worth {@link #PRIOR_STRENGTH} calls, plus the account's own answered and unanswered
 * calls in that slot. {@link #choose} draws once from each allowed slot's posterior and takes the
 * highest (Thompson sampling): slots that work for this person win most often, and slots not yet
 * tried still get tried now and then. Immutable and thread-safe; draws come from the caller's
 * generator, so a seed makes them repeatable.
 */
public final class AnswerModel {
  /** How many calls' worth the estate rate counts for in one account's prior. */
  public static final double PRIOR_STRENGTH = 4;

  /** How many calls' worth the estate's overall rate counts for in one slot's estate rate. */
  static final double SLOT_SHRINK = 10;

  /** No estate history: every slot at 0.5, so only the account's own calls speak. */
  public static final AnswerModel NONE = new AnswerModel(new long[7][24], new long[7][24]);

  private final long[][] answered;
  private final long[][] dialed;
  private final double overall;

  /** From counts indexed [weekday 0 = Monday .. 6][local hour 0..23]. */
  public AnswerModel(long[][] answered, long[][] dialed) {
    this.answered = copy(answered);
    this.dialed = copy(dialed);
    long a = 0;
    long n = 0;
    for (int d = 0; d < 7; d++) {
      for (int h = 0; h < 24; h++) {
        a += answered[d][h];
        n += dialed[d][h];
      }
    }
    this.overall = n == 0 ? 0.5 : (a + 1.0) / (n + 2.0);
  }

  /**
   * The estate's voice attempts since {@code since} by the phone's local weekday and hour: dialed
   * (carrier errors excluded) and answered by a person (answered, not by a machine). Blocking JDBC.
   */
  public static AnswerModel load(Database db, Instant since) {
    return load(db, since, null, null);
  }

  /**
   * The same, limited to attempts before {@code until} (null: no limit) and of one campaign (null:
   * all).
   */
  public static AnswerModel load(Database db, Instant since, Instant until, String campaign) {
    long[][] answered = new long[7][24];
    long[][] dialed = new long[7][24];
    String sql =
        """
        SELECT extract(isodow FROM a.started_at AT TIME ZONE coalesce(ph.timezone, 'UTC'))::int AS dow,
               extract(hour FROM a.started_at AT TIME ZONE coalesce(ph.timezone, 'UTC'))::int AS hour,
               count(*) AS dialed,
               count(*) FILTER (WHERE a.answered_at IS NOT NULL AND coalesce(a.amd_result, 'human') NOT LIKE 'machine%') AS answered
          FROM attempts a LEFT JOIN phones ph ON ph.id = a.phone_id
         WHERE a.channel = 'voice' AND a.started_at >= ? AND a.error IS NULL
           AND (?::timestamptz IS NULL OR a.started_at < ?) AND (?::text IS NULL OR a.campaign_ref = ?)
         GROUP BY 1, 2""";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(since));
      Timestamp end = until == null ? null : Timestamp.from(until);
      ps.setTimestamp(2, end);
      ps.setTimestamp(3, end);
      ps.setString(4, campaign);
      ps.setString(5, campaign);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int d = rs.getInt(1) - 1;
          int h = rs.getInt(2);
          dialed[d][h] += rs.getLong(3);
          answered[d][h] += rs.getLong(4);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read answer rates: " + e.getMessage(), e);
    }
    // Nothing dialed yet: nothing learnt, and the planner must know it (it then calls when due
    // instead of
    // drawing an hour from the prior alone).
    if (java.util.Arrays.stream(dialed).flatMapToLong(java.util.Arrays::stream).sum() == 0)
      return NONE;
    return new AnswerModel(answered, dialed);
  }

  /** The estate's answer rate in a slot, shrunk towards the overall rate. */
  public double estateRate(DayOfWeek day, int hour) {
    int d = day.getValue() - 1;
    return (answered[d][hour] + SLOT_SHRINK * overall) / (dialed[d][hour] + SLOT_SHRINK);
  }

  public long dialed(DayOfWeek day, int hour) {
    return dialed[day.getValue() - 1][hour];
  }

  public long answered(DayOfWeek day, int hour) {
    return answered[day.getValue() - 1][hour];
  }

  /** The estate's overall answer rate (with one answer and one miss added, so never 0 or 1). */
  public double overall() {
    return overall;
  }

  /** An account's posterior for a slot: Beta(alpha, beta). */
  public record Posterior(double alpha, double beta) {
    public double mean() {
      return alpha / (alpha + beta);
    }
  }

  /**
   * The account's posterior in a slot from its own voice attempts (a conversation counts as
   * answered).
   */
  public Posterior posterior(List<Attempt> attempts, ZoneId zone, DayOfWeek day, int hour) {
    double m = estateRate(day, hour);
    double a = PRIOR_STRENGTH * m;
    double b = PRIOR_STRENGTH * (1 - m);
    for (Attempt t : attempts) {
      if (t.channel() != com.duesline.policy.Channel.CALL || t.outcome() == Outcome.CARRIER_ERROR)
        continue;
      ZonedDateTime local = t.at().atZone(zone);
      if (local.getDayOfWeek() != day || local.getHour() != hour) continue;
      if (t.outcome().conversation()) a++;
      else b++;
    }
    return new Posterior(a, b);
  }

  /**
   * Thompson sampling: one draw from the posterior of each candidate hour on {@code date} (local),
   * the hour with the highest draw. {@code hours} must not be empty.
   */
  public int choose(
      List<Attempt> attempts,
      ZoneId zone,
      LocalDate date,
      List<Integer> hours,
      SplittableRandom rng) {
    int best = hours.get(0);
    double top = -1;
    for (int h : hours) {
      Posterior p = posterior(attempts, zone, date.getDayOfWeek(), h);
      double x = beta(rng, p.alpha(), p.beta());
      if (x > top) {
        top = x;
        best = h;
      }
    }
    return best;
  }

  /** A Beta(a, b) draw as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  static double beta(SplittableRandom rng, double a, double b) {
    double x = gamma(rng, a);
    double y = gamma(rng, b);
    return x / (x + y);
  }

  /** Marsaglia and Tsang (2000); for shape below 1, boosted by U^(1/shape). */
  static double gamma(SplittableRandom rng, double shape) {
    if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.nextDouble(), 1.0 / shape);
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(rng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  private static double normal(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static long[][] copy(long[][] m) {
    if (m.length != 7) throw new IllegalArgumentException("expected 7 weekdays, got " + m.length);
    long[][] out = new long[7][];
    for (int d = 0; d < 7; d++) {
      if (m[d].length != 24)
        throw new IllegalArgumentException(
            "expected 24 hours for weekday " + d + ", got " + m[d].length);
      out[d] = m[d].clone();
    }
    return out;
  }
}
