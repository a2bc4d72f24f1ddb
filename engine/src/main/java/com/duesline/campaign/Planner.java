package com.duesline.campaign;

import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.RiskGrade;
import com.duesline.policy.ContactPolicy;
import com.duesline.policy.ContactSubject;
import com.duesline.policy.PolicyDecision;
import com.duesline.policy.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one account into its next contact for one campaign: segment, rung (or follow-up), retry
 * timing from past outcomes, variant, best time, and the contact policy. Pure and thread-safe; the
 * dialer asks the policy again right before each contact.
 */
public final class Planner {
  /**
   * How far ahead planning searches for the next allowed moment when only time blocks a contact.
   */
  static final Duration HORIZON = Duration.ofDays(14);

  static final Duration STEP = Duration.ofMinutes(15);

  /** Reasons that lift by themselves as time passes. */
  static final Set<ReasonCode> TIMED =
      EnumSet.of(
          ReasonCode.OUTSIDE_WINDOW,
          ReasonCode.MEAL_TIME,
          ReasonCode.REST_DAY,
          ReasonCode.HOLIDAY,
          ReasonCode.FREQUENCY_CAP,
          ReasonCode.RECENT_CONVERSATION,
          ReasonCode.PROMISE_IN_FORCE);

  private final CampaignDefinition campaign;
  private final ContactPolicy policy;
  private final Segmenter segmenter;
  private final AnswerModel answers;
  private final long seed;

  /** Without estate answer rates: only an account's own calls move it to a better hour. */
  public Planner(CampaignDefinition campaign, ContactPolicy policy, Segmenter segmenter) {
    this(campaign, policy, segmenter, AnswerModel.NONE, 0L);
  }

  /**
   * @param answers the estate's answer rates by local weekday and hour, the prior of every
   *     account's posterior
   * @param seed mixed with the account and the day into each account's draws, so a plan is
   *     repeatable
   */
  public Planner(
      CampaignDefinition campaign,
      ContactPolicy policy,
      Segmenter segmenter,
      AnswerModel answers,
      long seed) {
    this.campaign = campaign;
    this.policy = policy;
    this.segmenter = segmenter;
    this.answers = answers;
    this.seed = seed;
  }

  public CampaignDefinition campaign() {
    return campaign;
  }

  /** The next contact for this account, or null when the campaign has nothing to do with it now. */
  public ContactTask plan(AccountSnapshot a, Instant now) {
    ZoneId zone = a.party().addressZone();
    LocalDate today = now.atZone(zone).toLocalDate();
    if (!campaign.active().includes(today)) return null;
    int dpd = (int) ChronoUnit.DAYS.between(a.dueDate(), today);
    AgingBucket bucket = AgingBucket.of(dpd);
    RiskGrade grade = segmenter.grade(a);
    if (!campaign.targeting().includes(a, grade, bucket)) return null;

    Step step = step(a, dpd, today);
    if (step == null) return null;
    Rung rung = step.rung();
    RungChannel channel =
        rung.channel() == RungChannel.AI_CALL && campaign.humanFirstGrades().contains(grade)
            ? RungChannel.HUMAN_CALL
            : rung.channel();

    Instant due = nextDue(a, rung, step.since(), now, zone);
    if (due == null) return null;
    String variant =
        Variants.pick(rung.variants(), a.accountId() + "/" + campaign.id() + "/" + rung.id());
    ContactSubject subject = a.subject();
    Instant at = due.isAfter(now) ? due : now;
    PolicyDecision d = policy.decide(subject, channel.policyChannel(), at, campaign.limits());
    TaskState state = due.isAfter(now) ? TaskState.SCHEDULED : TaskState.DUE;
    if (!d.allowed()) {
      Instant next = TIMED.containsAll(d.reasons()) ? nextAllowed(subject, channel, at) : null;
      if (next == null)
        return task(a, rung, channel, variant, grade, bucket, TaskState.BLOCKED, at, d.reasons());
      at = next;
      state = TaskState.SCHEDULED;
    }
    Instant preferred = preferred(a, subject, channel, rung, bucket, at);
    if (preferred != null) {
      at = preferred;
      state = TaskState.SCHEDULED;
    }
    return task(a, rung, channel, variant, grade, bucket, state, at, List.of());
  }

  private ContactTask task(
      AccountSnapshot a,
      Rung rung,
      RungChannel ch,
      String variant,
      RiskGrade grade,
      AgingBucket bucket,
      TaskState state,
      Instant at,
      List<ReasonCode> reasons) {
    return new ContactTask(
        campaign.id(),
        a.accountId(),
        a.party().partyId(),
        a.party().phone(),
        rung.id(),
        ch,
        rung.track(),
        variant,
        grade,
        bucket,
        state,
        at,
        reasons);
  }

  /** The rung to work on, and since when attempts on it count. */
  record Step(Rung rung, Instant since) {}

  private Step step(AccountSnapshot a, int dpd, LocalDate today) {
    ZoneId zone = a.party().addressZone();
    Rung ageRung = campaign.rungFor(dpd, a.balanceCents());
    Map<Outcome, RetryRule> retries = ageRung == null ? Map.of() : ageRung.retries();
    if (a.brokenPromise() && a.promiseDate() != null && campaign.brokenPromise() != null) {
      FollowUp f = campaign.brokenPromise();
      Rung r =
          new Rung(
              f.id(),
              dpd,
              dpd,
              0,
              f.channel(),
              f.track(),
              Map.of("A", 100),
              retries,
              null,
              campaign.source());
      return new Step(r, a.promiseDate().atStartOfDay(zone).toInstant());
    }
    FollowUp inst = campaign.instalment();
    if (a.nextInstalment() != null && inst != null) {
      LocalDate from = a.nextInstalment().minusDays(inst.daysBefore());
      if (!today.isBefore(from) && !today.isAfter(a.nextInstalment())) {
        Rung r =
            new Rung(
                inst.id(),
                dpd,
                dpd,
                0,
                inst.channel(),
                inst.track(),
                Map.of("A", 100),
                retries,
                null,
                campaign.source());
        return new Step(r, from.atStartOfDay(zone).toInstant());
      }
    }
    return ageRung == null ? null : new Step(ageRung, Instant.MIN);
  }

  /**
   * When this rung is next due given its attempts since {@code since}; null when it is complete.
   */
  Instant nextDue(AccountSnapshot a, Rung rung, Instant since, Instant now, ZoneId zone) {
    List<Attempt> attempts = a.attempts();
    Attempt last = null;
    Attempt lastCompleted = null;
    int carrierErrors = 0;
    boolean counting = true;
    for (int i = attempts.size() - 1; i >= 0; i--) {
      Attempt t = attempts.get(i);
      if (!t.rungId().equals(rung.id()) || t.at().isBefore(since)) continue;
      if (last == null) last = t;
      if (counting && t.outcome() == Outcome.CARRIER_ERROR) carrierErrors++;
      else counting = false;
      if (!t.outcome().retryable()
          || rung.retries().get(t.outcome()) == null && t.outcome() != Outcome.CARRIER_ERROR) {
        lastCompleted = t;
        break;
      }
    }
    if (last == null) return now;
    if (last.outcome() == Outcome.CARRIER_ERROR) {
      CarrierRetry cr = campaign.carrierRetry();
      if (carrierErrors <= cr.maxRetries()) return last.at().plus(cr.delay(carrierErrors));
      return startOfNextDay(last.at(), zone);
    }
    RetryRule rule = rung.retries().get(last.outcome());
    if (rule != null) {
      LocalDate day = now.atZone(zone).toLocalDate();
      int today = 0;
      for (Attempt t : attempts) {
        if (t.rungId().equals(rung.id())
            && t.outcome() != Outcome.CARRIER_ERROR
            && t.at().atZone(zone).toLocalDate().equals(day)) today++;
      }
      Instant retry = last.at().plus(rule.after());
      if (today >= rule.maxPerDay()) {
        Instant tomorrow = startOfNextDay(now, zone);
        return retry.isAfter(tomorrow) ? retry : tomorrow;
      }
      return retry;
    }
    if (lastCompleted == null || rung.every() == null) return null;
    return lastCompleted.at().plus(rung.every());
  }

  private static Instant startOfNextDay(Instant t, ZoneId zone) {
    return t.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
  }

  /**
   * The first moment within the horizon the policy allows: jump to where each blocking rule lifts
   * (window opening, end of the meal time, next day, cap or cool-down expiry) and ask again.
   */
  Instant nextAllowed(ContactSubject s, RungChannel channel, Instant from) {
    Instant t = from;
    Instant end = from.plus(HORIZON);
    for (int guard = 0; guard < 200 && t.isBefore(end); guard++) {
      PolicyDecision d = policy.decide(s, channel.policyChannel(), t, campaign.limits());
      if (d.allowed()) return t;
      Instant lifts = d.liftsAt();
      if (lifts == null) return null;
      t = lifts.isAfter(t) ? lifts : t.plus(STEP);
    }
    return null;
  }

  /**
   * A later moment the party is more likely to answer: for a call, the hour later today that wins a
   * Thompson draw over the account's answer posterior (estate rates as the prior, its own calls as
   * data) among the hours the policy allows; for an early-month payer on a first-month reminder,
   * the 1st of next month. Null when {@code at} is as good.
   */
  private Instant preferred(
      AccountSnapshot a,
      ContactSubject s,
      RungChannel channel,
      Rung rung,
      AgingBucket bucket,
      Instant at) {
    if (!campaign.bestTime()) return null;
    ZoneId zone = a.party().addressZone();
    ZonedDateTime local = at.atZone(zone);
    BestTime best = BestTime.learn(a);
    boolean call = channel == RungChannel.AI_CALL || channel == RungChannel.HUMAN_CALL;
    if (best.earlyMonthPayer()
        && (bucket == AgingBucket.CURRENT || bucket == AgingBucket.D1_30)
        && rung.every() != null
        && local.getDayOfMonth() > 3) {
      LocalDate firstDay = local.toLocalDate().withDayOfMonth(1).plusMonths(1);
      int hour = call ? bestHour(a, s, channel, firstDay, zone, 8, false, 10) : 10;
      ZonedDateTime first = firstDay.atTime(hour, 0).atZone(zone);
      if (Duration.between(local, first).compareTo(rung.every()) <= 0
          && policy
              .decide(s, channel.policyChannel(), first.toInstant(), campaign.limits())
              .allowed()) {
        return first.toInstant();
      }
    }
    // Nothing learnt about the estate, and this person never answered: no reason to wait (a retry
    // keeps its rule's time).
    if (!call
        || (answers == AnswerModel.NONE
            && a.attempts().stream().noneMatch(t -> t.outcome().conversation()))) return null;
    int hour =
        bestHour(a, s, channel, local.toLocalDate(), zone, local.getHour(), true, local.getHour());
    if (hour <= local.getHour()) return null;
    return local.withHour(hour).withMinute(0).withSecond(0).withNano(0).toInstant();
  }

  /**
   * Thompson sampling over the hours of {@code day} from {@code fromHour} on: one posterior draw
   * per hour, then the best-drawn hour the policy allows ({@code fromAllowed}: the starting hour is
   * known to be allowed, at the moment being planned). Drawing for every hour and asking the policy
   * in order of the draws is the same as drawing over the allowed hours only, with one or two
   * policy calls instead of one per hour. {@code fallback} when no later hour is allowed.
   */
  private int bestHour(
      AccountSnapshot a,
      ContactSubject s,
      RungChannel channel,
      LocalDate date,
      ZoneId zone,
      int fromHour,
      boolean fromAllowed,
      int fallback) {
    java.util.SplittableRandom rng =
        new java.util.SplittableRandom(
            seed * 0x9E3779B97F4A7C15L ^ a.accountId().hashCode() * 31L ^ date.toEpochDay());
    int n = 24 - fromHour;
    double[] draws = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      AnswerModel.Posterior p =
          answers.posterior(a.attempts(), zone, date.getDayOfWeek(), fromHour + i);
      draws[i] = AnswerModel.beta(rng, p.alpha(), p.beta());
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(draws[y], draws[x]));
    for (int i : order) {
      int h = fromHour + i;
      if (i == 0 && fromAllowed) return h;
      Instant t = date.atTime(h, 0).atZone(zone).toInstant();
      if (policy.decide(s, channel.policyChannel(), t, campaign.limits()).allowed()) return h;
    }
    return fallback;
  }
}
