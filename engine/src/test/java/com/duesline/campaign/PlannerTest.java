package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.RiskGrade;
import com.duesline.policy.Channel;
import com.duesline.policy.ContactPolicy;
import com.duesline.policy.HoldKind;
import com.duesline.policy.PolicyRules;
import com.duesline.policy.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The planner over the bundled standard ladder: rungs, retries, follow-ups, hand-off, variants,
 * best time.
 */
class PlannerTest {
  static final ContactPolicy POLICY = new ContactPolicy(PolicyRules.bundled());
  static final CampaignLoader LOADER = new CampaignLoader(TrackCatalog.bundled(), POLICY.rules());
  static final Planner STANDARD =
      new Planner(LOADER.bundled("standard"), POLICY, Segmenter.bundled());
  static final ZoneId NY = ZoneId.of("America/New_York");

  /** Tuesday 10 March 2026, 10:00 in New York. */
  static final Instant NOW = at("2026-03-10T10:00");

  static final LocalDate TODAY = LocalDate.parse("2026-03-10");

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(NY).toInstant();
  }

  static AccountBuilder daysPastDue(int d) {
    return new AccountBuilder(TODAY.minusDays(d));
  }

  @Test
  void theLadderFollowsTheAge() {
    assertThat(STANDARD.plan(daysPastDue(-7).build(), NOW))
        .extracting(ContactTask::rungId, ContactTask::channel, ContactTask::track)
        .containsExactly("pre_due_sms", RungChannel.SMS, "pre_due");
    assertThat(STANDARD.plan(daysPastDue(4).build(), NOW).rungId()).isEqualTo("reminder_call");
    assertThat(STANDARD.plan(daysPastDue(45).build(), NOW))
        .extracting(ContactTask::track, ContactTask::bucket)
        .containsExactly("mid", AgingBucket.D31_60);
    assertThat(STANDARD.plan(daysPastDue(100).build(), NOW).track()).isEqualTo("late");
    assertThat(STANDARD.plan(daysPastDue(200).build(), NOW).channel())
        .isEqualTo(RungChannel.LETTER);
    assertThat(STANDARD.plan(daysPastDue(-20).build(), NOW))
        .as("nothing 20 days before due")
        .isNull();
  }

  @Test
  void targetingLeavesCommercialUnitsToTheirOwnCampaign() {
    AccountBuilder b = daysPastDue(45);
    b.kind = UnitKind.COMMERCIAL;
    assertThat(STANDARD.plan(b.build(), NOW)).isNull();
  }

  @Test
  void severeGradeGoesToAPersonFirst() {
    AccountBuilder b = daysPastDue(120);
    b.balanceCents = 4_000_00;
    assertThat(STANDARD.plan(b.build(), NOW).channel()).isEqualTo(RungChannel.AI_CALL);
    b.balanceCents = 12_000_00;
    b.periods = 5;
    ContactTask t = STANDARD.plan(b.build(), NOW);
    assertThat(t.grade()).isEqualTo(RiskGrade.S);
    // Over 5,000: the formal letter rung, not a call; letters are not handed to agents.
    assertThat(t.channel()).isEqualTo(RungChannel.LETTER);
    b.balanceCents = 12_000_00;
    Planner legalOnly = new Planner(LOADER.bundled("quarter-end"), POLICY, Segmenter.bundled());
    ContactTask q = legalOnly.plan(b.build(), at("2026-03-20T10:00"));
    assertThat(q.channel()).isEqualTo(RungChannel.HUMAN_CALL);
  }

  @Test
  void noAnswerIsRetriedAfterTheRuleAndAtMostKaDay() {
    AccountBuilder b =
        daysPastDue(4)
            .attempt(at("2026-03-10T09:00"), Channel.CALL, "reminder_call", Outcome.NO_ANSWER);
    ContactTask t = STANDARD.plan(b.build(), NOW);
    assertThat(t.state()).isEqualTo(TaskState.SCHEDULED);
    assertThat(t.notBefore()).isEqualTo(at("2026-03-10T13:00"));
    b.attempt(at("2026-03-10T13:00"), Channel.CALL, "reminder_call", Outcome.NO_ANSWER);
    ContactTask next = STANDARD.plan(b.build(), at("2026-03-10T14:00"));
    assertThat(next.notBefore())
        .as("two no-answers today: tomorrow, when the window opens")
        .isEqualTo(at("2026-03-11T09:00"));
  }

  @Test
  void busyIsRetriedSooner() {
    AccountBuilder b =
        daysPastDue(4).attempt(at("2026-03-10T09:40"), Channel.CALL, "reminder_call", Outcome.BUSY);
    assertThat(STANDARD.plan(b.build(), NOW).notBefore()).isEqualTo(at("2026-03-10T10:10"));
  }

  @Test
  void carrierErrorsBackOffAndDoNotCountAsContacts() {
    AccountBuilder b = daysPastDue(4);
    Instant t = at("2026-03-10T09:30");
    b.attempt(t, Channel.CALL, "reminder_call", Outcome.CARRIER_ERROR);
    assertThat(STANDARD.plan(b.build(), t.plusSeconds(1)).notBefore())
        .isEqualTo(t.plus(Duration.ofMinutes(2)));
    b.attempt(t.plus(Duration.ofMinutes(2)), Channel.CALL, "reminder_call", Outcome.CARRIER_ERROR);
    assertThat(STANDARD.plan(b.build(), t.plusSeconds(200)).notBefore())
        .isEqualTo(t.plus(Duration.ofMinutes(2 + 4)));
    // Carrier errors never reached anyone: the policy's caps do not count them.
    assertThat(b.build().subject().history()).isEmpty();
  }

  @Test
  void aCompletedRungWaitsForItsRepeatInterval() {
    AccountBuilder b =
        daysPastDue(45)
            .attempt(at("2026-03-09T10:00"), Channel.CALL, "service_value_call", Outcome.REFUSED);
    // Conversation yesterday: the rung repeats in 4 days, but Reg F blocks calls for 7.
    ContactTask t = STANDARD.plan(b.build(), NOW);
    assertThat(t.state()).isEqualTo(TaskState.SCHEDULED);
    assertThat(t.notBefore()).isAfterOrEqualTo(at("2026-03-16T10:00"));
    AccountBuilder once =
        daysPastDue(-5)
            .attempt(at("2026-03-09T10:00"), Channel.SMS, "pre_due_sms", Outcome.DELIVERED);
    assertThat(STANDARD.plan(once.build(), NOW)).as("the pre-due SMS is sent once").isNull();
  }

  @Test
  void aBrokenPromiseGetsTheFollowUpTrack() {
    AccountBuilder b = daysPastDue(45);
    b.promiseDate = LocalDate.parse("2026-03-01");
    b.brokenPromise = true;
    assertThat(STANDARD.plan(b.build(), NOW))
        .extracting(ContactTask::rungId, ContactTask::track)
        .containsExactly("on-broken-promise", "promise_followup");
    b.brokenPromise = false;
    b.promiseDate = LocalDate.parse("2026-03-09");
    ContactTask suppressed = STANDARD.plan(b.build(), NOW);
    assertThat(suppressed.notBefore())
        .as("promise in force until its date + 1 grace day")
        .isAfterOrEqualTo(at("2026-03-11T00:00"));
  }

  @Test
  void anInstalmentDueSoonGetsACheckIn() {
    AccountBuilder b = daysPastDue(45);
    b.nextInstalment = TODAY.plusDays(2);
    assertThat(STANDARD.plan(b.build(), NOW).track()).isEqualTo("plan_checkin");
  }

  @Test
  void holdsAndPaymentsBlockWithTheirReason() {
    AccountBuilder b = daysPastDue(45);
    b.holds.add(HoldKind.ATTORNEY);
    ContactTask t = STANDARD.plan(b.build(), NOW);
    assertThat(t.state()).isEqualTo(TaskState.BLOCKED);
    assertThat(t.blockedBy()).containsExactly(ReasonCode.HOLD_ATTORNEY);
  }

  @Test
  void outsideTheWindowTheTaskIsScheduledForTheNextAllowedMoment() {
    ContactTask t = STANDARD.plan(daysPastDue(45).build(), at("2026-03-10T21:30"));
    assertThat(t.state()).isEqualTo(TaskState.SCHEDULED);
    assertThat(t.notBefore()).isEqualTo(at("2026-03-11T09:00"));
    ContactTask sat = STANDARD.plan(daysPastDue(45).build(), at("2026-03-14T21:30"));
    assertThat(sat.notBefore()).as("Sunday is a rest day").isEqualTo(at("2026-03-16T09:00"));
  }

  @Test
  void variantsSplitByWeightAndStayStable() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 2_000; i++) {
      AccountBuilder b = daysPastDue(45);
      b.id = "U-" + i;
      String v = STANDARD.plan(b.build(), NOW).variant();
      counts.merge(v, 1, Integer::sum);
      assertThat(STANDARD.plan(b.build(), NOW).variant()).isEqualTo(v);
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrder("A", "B");
    assertThat(counts.get("A")).isBetween(900, 1_100);
  }

  /** An estate where Tuesday 17:00 is answered 8 times in 10 and every other hour 1 in 10. */
  static AnswerModel eveningEstate() {
    long[][] answered = new long[7][24];
    long[][] dialed = new long[7][24];
    for (long[] d : dialed) java.util.Arrays.fill(d, 100);
    for (long[] a : answered) java.util.Arrays.fill(a, 10);
    answered[1][17] = 80;
    return new AnswerModel(answered, dialed);
  }

  @Test
  void bestTimeIsAThompsonDrawOverTheAllowedHours() {
    AccountBuilder b = daysPastDue(45);
    // Answered at 17:xx twice before (Tuesdays, weeks ago, outside the cool-down).
    b.attempt(at("2026-02-10T17:10"), Channel.CALL, "friendly_sms", Outcome.CONVERSATION);
    b.attempt(at("2026-02-17T17:40"), Channel.CALL, "friendly_sms", Outcome.CONVERSATION);
    AccountSnapshot a = b.build();
    CampaignDefinition standard = LOADER.bundled("standard");
    // Repeatable under a seed: the same seed, the same hour.
    Planner seeded = new Planner(standard, POLICY, Segmenter.bundled(), eveningEstate(), 7);
    assertThat(seeded.plan(a, NOW).notBefore()).isEqualTo(at("2026-03-10T17:00"));
    assertThat(seeded.plan(a, NOW).notBefore())
        .isEqualTo(
            new Planner(standard, POLICY, Segmenter.bundled(), eveningEstate(), 7)
                .plan(a, NOW)
                .notBefore());
    // Over many seeds the estate's and the account's best hour wins most draws, other allowed hours
    // are still tried now and then, and no draw lands where the policy forbids a call (after 21:00
    // in New York).
    Map<Integer, Integer> hours = new HashMap<>();
    for (long seed = 0; seed < 400; seed++) {
      Instant t =
          new Planner(standard, POLICY, Segmenter.bundled(), eveningEstate(), seed)
              .plan(a, NOW)
              .notBefore();
      assertThat(
              POLICY
                  .decide(a.subject(), com.duesline.policy.Channel.CALL, t, standard.limits())
                  .allowed())
          .as("allowed at " + t)
          .isTrue();
      hours.merge(t.atZone(NY).getHour(), 1, Integer::sum);
    }
    assertThat(hours.get(17)).as("17:00 in " + hours).isGreaterThan(300);
    assertThat(hours.keySet()).as("explored").hasSizeGreaterThan(1);
    assertThat(hours.keySet()).allMatch(h -> h >= 10 && h < 21);
    // Without estate rates or any call of its own, a fresh account is not held back.
    assertThat(STANDARD.plan(daysPastDue(45).build(), NOW).notBefore()).isEqualTo(NOW);
  }

  @Test
  void theAccountsOwnMissesOutweighAGoodEstateHour() {
    AccountBuilder b = daysPastDue(45);
    // Four Tuesday-evening calls never answered; Tuesday 10:00 answered twice.
    for (String d : List.of("2026-01-20", "2026-01-27", "2026-02-03", "2026-02-10"))
      b.attempt(at(d + "T17:05"), Channel.CALL, "friendly_sms", Outcome.NO_ANSWER);
    b.attempt(at("2026-02-17T10:10"), Channel.CALL, "friendly_sms", Outcome.CONVERSATION);
    b.attempt(at("2026-02-24T10:20"), Channel.CALL, "friendly_sms", Outcome.CONVERSATION);
    AccountSnapshot a = b.build();
    AnswerModel.Posterior evening =
        eveningEstate().posterior(a.attempts(), NY, java.time.DayOfWeek.TUESDAY, 17);
    AnswerModel.Posterior morning =
        eveningEstate().posterior(a.attempts(), NY, java.time.DayOfWeek.TUESDAY, 10);
    // Estate overall 1751/16802 = 0.1042; slot rates shrunk by 10 calls: evening (80 + 1.042) / 110
    // = 0.7367,
    // morning (10 + 1.042) / 110 = 0.1004. Prior worth 4 calls, then the account's own:
    // evening 2.947 answers, 1.053 + 4 misses: 0.3684; morning 0.402 + 2 answers, 3.598 misses:
    // 0.4003.
    assertThat(evening.mean()).isCloseTo(0.3684, org.assertj.core.api.Assertions.within(0.0005));
    assertThat(morning.mean()).isCloseTo(0.4003, org.assertj.core.api.Assertions.within(0.0005));
    int stayed = 0;
    for (long seed = 0; seed < 200; seed++) {
      if (new Planner(
              LOADER.bundled("standard"), POLICY, Segmenter.bundled(), eveningEstate(), seed)
          .plan(a, NOW)
          .notBefore()
          .equals(NOW)) stayed++;
    }
    assertThat(stayed).as("calls left at 10:00 of 200").isGreaterThan(40);
  }

  @Test
  void earlyMonthPayersAreRemindedOnTheFirst() {
    AccountBuilder b = daysPastDue(10);
    b.payments.add(LocalDate.parse("2025-12-02"));
    b.payments.add(LocalDate.parse("2026-01-01"));
    b.payments.add(LocalDate.parse("2026-02-03"));
    AccountSnapshot a = b.build();
    assertThat(BestTime.learn(a).earlyMonthPayer()).isTrue();
    // 27 March: the friendly SMS (weekly) moves to Wednesday 1 April, 10:00.
    AccountBuilder late = new AccountBuilder(LocalDate.parse("2026-03-17"));
    late.payments.addAll(a.paymentDates());
    ContactTask t = STANDARD.plan(late.build(), at("2026-03-27T10:00"));
    assertThat(t.rungId()).isEqualTo("friendly_sms");
    assertThat(t.notBefore()).isEqualTo(at("2026-04-01T10:00"));
  }
}
