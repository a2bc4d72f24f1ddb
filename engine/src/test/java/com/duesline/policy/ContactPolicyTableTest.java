package com.duesline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One table row per rule and reason code, against the bundled policy data. */
class ContactPolicyTableTest {
  static final ContactPolicy POLICY = new ContactPolicy(PolicyRules.bundled());
  static final ZoneId NY = ZoneId.of("America/New_York");

  /** Tuesday 10 March 2026, 10:00 in New York: an ordinary working morning. */
  static final Instant TUESDAY_10AM =
      LocalDateTime.parse("2026-03-10T10:00").atZone(NY).toInstant();

  static Instant ny(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NY).toInstant();
  }

  PolicyDecision call(Consumer<SubjectBuilder> setup, Instant at) {
    return decide(setup, Channel.CALL, at);
  }

  PolicyDecision decide(Consumer<SubjectBuilder> setup, Channel ch, Instant at) {
    SubjectBuilder b = new SubjectBuilder();
    setup.accept(b);
    PolicyDecision full = POLICY.explain(b.build(), ch, at, CampaignLimits.NONE);
    PolicyDecision fast = POLICY.decide(b.build(), ch, at, CampaignLimits.NONE);
    assertThat(fast.allowed()).as("fast and explained decisions agree").isEqualTo(full.allowed());
    if (!fast.allowed()) assertThat(full.reasons()).contains(fast.reasons().get(0));
    return full;
  }

  void blockedBy(PolicyDecision d, ReasonCode code, String rulePrefix) {
    assertThat(d.allowed()).as(d.toText()).isFalse();
    assertThat(d.reasons()).as(d.toText()).containsExactly(code);
    assertThat(d.rules())
        .filteredOn(RuleVerdict::blocks)
        .extracting(RuleVerdict::rule)
        .allMatch(r -> r.startsWith(rulePrefix));
  }

  @Test
  void anOrdinaryMorningIsAllowedAndEveryRulePasses() {
    PolicyDecision d = call(b -> {}, TUESDAY_10AM);
    assertThat(d.allowed()).as(d.toText()).isTrue();
    assertThat(d.reasons()).isEmpty();
    assertThat(d.rules())
        .extracting(RuleVerdict::rule)
        .contains(
            "balance",
            "hold",
            "promise",
            "wrong_number",
            "do_not_call",
            "consent.call",
            "calling_window[US America/New_York]",
            "quiet_time[US America/New_York]",
            "rest_day[US America/New_York]",
            "holiday[US America/New_York]",
            "conversation_cooldown",
            "cap.call-7d",
            "cap.call-day");
    assertThat(d.rules()).allMatch(v -> v.verdict().equals("pass"));
  }

  @Test
  void callingWindowIsLocalTime() {
    blockedBy(call(b -> {}, ny("2026-03-10T07:59")), ReasonCode.OUTSIDE_WINDOW, "calling_window");
    blockedBy(call(b -> {}, ny("2026-03-10T21:00")), ReasonCode.OUTSIDE_WINDOW, "calling_window");
    assertThat(call(b -> {}, ny("2026-03-10T08:00")).allowed()).isTrue();
    assertThat(call(b -> {}, ny("2026-03-10T20:59")).allowed()).isTrue();
    // 10:00 in New York is 07:00 in Los Angeles: a party living there is not called.
    blockedBy(
        call(b -> b.zone("America/Los_Angeles", "US-CA"), TUESDAY_10AM),
        ReasonCode.OUTSIDE_WINDOW,
        "calling_window[US America/Los_Angeles]");
  }

  @Test
  void bothZonesApplyWhenPhoneAndAddressDiffer() {
    // Address in New York (10:00), phone area in Los Angeles (07:00): blocked by the phone's zone.
    PolicyDecision d = call(b -> b.phoneIn("America/Los_Angeles", "US-CA"), TUESDAY_10AM);
    blockedBy(d, ReasonCode.OUTSIDE_WINDOW, "calling_window[US America/Los_Angeles]");
    assertThat(d.rules())
        .anyMatch(
            v ->
                v.rule().equals("calling_window[US America/New_York]")
                    && v.verdict().equals("pass"));
  }

  @Test
  void mealTimesAreQuiet() {
    blockedBy(call(b -> {}, ny("2026-03-10T12:30")), ReasonCode.MEAL_TIME, "quiet_time");
    assertThat(call(b -> {}, ny("2026-03-10T13:00")).allowed()).isTrue();
    ZoneId sh = ZoneId.of("Asia/Shanghai");
    Instant dinner = LocalDateTime.parse("2026-03-10T18:45").atZone(sh).toInstant();
    blockedBy(
        call(b -> b.zone("Asia/Shanghai", "CN"), dinner), ReasonCode.MEAL_TIME, "quiet_time[CN");
  }

  @Test
  void sundaysAndHolidaysFollowTheCalendar() {
    blockedBy(call(b -> {}, ny("2026-03-15T10:00")), ReasonCode.REST_DAY, "rest_day");
    blockedBy(call(b -> {}, ny("2026-11-26T10:00")), ReasonCode.HOLIDAY, "holiday");
    ZoneId sh = ZoneId.of("Asia/Shanghai");
    // Spring Festival 2026: the whole official break (15-23 February) is blocked, not only New
    // Year's day.
    for (String day : List.of("2026-02-16", "2026-02-20", "2026-02-23")) {
      Instant at = LocalDateTime.parse(day + "T10:00").atZone(sh).toInstant();
      blockedBy(call(b -> b.zone("Asia/Shanghai", "CN"), at), ReasonCode.HOLIDAY, "holiday[CN");
    }
    Instant after = LocalDateTime.parse("2026-02-24T10:00").atZone(sh).toInstant();
    assertThat(call(b -> b.zone("Asia/Shanghai", "CN"), after).allowed()).isTrue();
  }

  @Test
  void datesOutsideTheCalendarAreRefused() {
    blockedBy(call(b -> {}, ny("2029-03-13T10:00")), ReasonCode.CALENDAR_NOT_COVERED, "calendar");
  }

  @Test
  void sevenCallsInSevenDaysIsTheDefaultCap() {
    PolicyDecision d =
        call(
            b -> {
              for (int i = 1; i <= 7; i++)
                b.contact(TUESDAY_10AM.minus(Duration.ofHours(20 * i)), Channel.CALL, false);
            },
            TUESDAY_10AM);
    blockedBy(d, ReasonCode.FREQUENCY_CAP, "cap.call-7d");
    // The oldest of seven just leaving the window frees a slot.
    PolicyDecision later =
        call(
            b -> {
              for (int i = 1; i <= 7; i++)
                b.contact(TUESDAY_10AM.minus(Duration.ofHours(20 * i)), Channel.CALL, false);
            },
            TUESDAY_10AM.plus(Duration.ofDays(7).minus(Duration.ofHours(140)).plusSeconds(1)));
    assertThat(later.reasons()).doesNotContain(ReasonCode.FREQUENCY_CAP);
  }

  @Test
  void perDayAttemptCapCountsTheLocalDay() {
    blockedBy(
        call(
            b -> {
              b.contact(ny("2026-03-10T08:05"), Channel.CALL, false);
              b.contact(ny("2026-03-10T08:35"), Channel.CALL, false);
              b.contact(ny("2026-03-10T09:05"), Channel.CALL, false);
            },
            TUESDAY_10AM),
        ReasonCode.FREQUENCY_CAP,
        "cap.call-day");
    // Three calls yesterday evening do not count against today.
    assertThat(
            call(
                    b -> {
                      b.contact(ny("2026-03-09T19:00"), Channel.CALL, false);
                      b.contact(ny("2026-03-09T19:30"), Channel.CALL, false);
                      b.contact(ny("2026-03-09T20:00"), Channel.CALL, false);
                    },
                    TUESDAY_10AM)
                .allowed())
        .isTrue();
  }

  @Test
  void massachusettsAllowsTwoCallsInSevenDays() {
    blockedBy(
        call(
            b -> {
              b.zone("America/New_York", "US-MA");
              b.contact(ny("2026-03-04T10:00"), Channel.CALL, false);
              b.contact(ny("2026-03-06T10:00"), Channel.CALL, false);
            },
            TUESDAY_10AM),
        ReasonCode.FREQUENCY_CAP,
        "cap.call-7d");
    assertThat(
            call(
                    b -> {
                      b.zone("America/New_York", "US-NY");
                      b.contact(ny("2026-03-04T10:00"), Channel.CALL, false);
                      b.contact(ny("2026-03-06T10:00"), Channel.CALL, false);
                    },
                    TUESDAY_10AM)
                .allowed())
        .isTrue();
  }

  @Test
  void massachusettsPhoneMakesTheStricterCapApply() {
    blockedBy(
        call(
            b -> {
              b.phoneIn("America/New_York", "US-MA");
              b.contact(ny("2026-03-04T10:00"), Channel.CALL, false);
              b.contact(ny("2026-03-06T10:00"), Channel.CALL, false);
            },
            TUESDAY_10AM),
        ReasonCode.FREQUENCY_CAP,
        "cap.call-7d");
  }

  @Test
  void floridaAllowsThreeCallsIn24Hours() {
    blockedBy(
        call(
            b -> {
              b.zone("America/New_York", "US-FL");
              b.contact(ny("2026-03-09T19:00"), Channel.CALL, false);
              b.contact(ny("2026-03-09T20:00"), Channel.CALL, false);
              b.contact(ny("2026-03-10T08:30"), Channel.CALL, false);
            },
            TUESDAY_10AM),
        ReasonCode.FREQUENCY_CAP,
        "cap.call-24h");
  }

  @Test
  void smsHasItsOwnCaps() {
    blockedBy(
        decide(
            b -> b.contact(ny("2026-03-10T09:00"), Channel.SMS, false), Channel.SMS, TUESDAY_10AM),
        ReasonCode.FREQUENCY_CAP,
        "cap.sms-day");
    // SMS do not count against calls.
    assertThat(
            call(b -> b.contact(ny("2026-03-10T09:00"), Channel.SMS, false), TUESDAY_10AM)
                .allowed())
        .isTrue();
  }

  @Test
  void noCallWithinSevenDaysOfAConversation() {
    blockedBy(
        call(b -> b.contact(ny("2026-03-04T10:00:01"), Channel.CALL, true), TUESDAY_10AM),
        ReasonCode.RECENT_CONVERSATION,
        "conversation_cooldown");
    // Seven days are 168 hours: across the 8 March DST change, 09:59 local a week earlier is still
    // inside them.
    blockedBy(
        call(b -> b.contact(ny("2026-03-03T09:59"), Channel.CALL, true), TUESDAY_10AM),
        ReasonCode.RECENT_CONVERSATION,
        "conversation_cooldown");
    assertThat(
            call(b -> b.contact(ny("2026-03-03T08:59"), Channel.CALL, true), TUESDAY_10AM)
                .allowed())
        .isTrue();
    // The cool-down is about calls; an SMS is still allowed.
    assertThat(
            decide(
                    b -> b.contact(ny("2026-03-09T10:00"), Channel.CALL, true),
                    Channel.SMS,
                    TUESDAY_10AM)
                .allowed())
        .isTrue();
  }

  @Test
  void optOutIsPerChannel() {
    blockedBy(
        decide(b -> b.consents.put(Channel.SMS, Consent.REVOKED), Channel.SMS, TUESDAY_10AM),
        ReasonCode.OPTED_OUT,
        "consent.sms");
    assertThat(call(b -> b.consents.put(Channel.SMS, Consent.REVOKED), TUESDAY_10AM).allowed())
        .isTrue();
    blockedBy(
        call(b -> b.consents.put(Channel.CALL, Consent.REVOKED), TUESDAY_10AM),
        ReasonCode.OPTED_OUT,
        "consent.call");
  }

  @Test
  void smsNeedsConsentInTheUsButNotInChina() {
    blockedBy(
        decide(b -> b.consents.remove(Channel.SMS), Channel.SMS, TUESDAY_10AM),
        ReasonCode.NO_CONSENT,
        "consent.sms");
    Instant sh =
        LocalDateTime.parse("2026-03-10T10:00").atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    assertThat(
            decide(
                    b -> {
                      b.zone("Asia/Shanghai", "CN");
                      b.consents.remove(Channel.SMS);
                    },
                    Channel.SMS,
                    sh)
                .allowed())
        .isTrue();
  }

  @Test
  void doNotCallBlocksCallsOnly() {
    blockedBy(call(b -> b.doNotCall = true, TUESDAY_10AM), ReasonCode.DO_NOT_CALL, "do_not_call");
    assertThat(decide(b -> b.doNotCall = true, Channel.SMS, TUESDAY_10AM).allowed()).isTrue();
  }

  @Test
  void holdsBlockEveryChannelIncludingLetters() {
    for (HoldKind kind : HoldKind.values()) {
      for (Channel ch : Channel.values()) {
        blockedBy(decide(b -> b.holds.add(kind), ch, TUESDAY_10AM), kind.reason(), "hold");
      }
    }
  }

  @Test
  void aPromiseSuppressesUntilItsDatePlusGrace() {
    // The shipped grace is one day: a promise for Monday holds contact through Tuesday, one for
    // Sunday lapsed on Monday.
    blockedBy(
        call(b -> b.promiseDate = LocalDate.parse("2026-03-09"), TUESDAY_10AM),
        ReasonCode.PROMISE_IN_FORCE,
        "promise");
    assertThat(call(b -> b.promiseDate = LocalDate.parse("2026-03-08"), TUESDAY_10AM).allowed())
        .isTrue();
  }

  @Test
  void aPaidAccountIsNeverContacted() {
    for (Channel ch : Channel.values()) {
      blockedBy(decide(b -> b.balanceCents = 0, ch, TUESDAY_10AM), ReasonCode.PAID, "balance");
    }
  }

  @Test
  void aWrongNumberIsNotUsed() {
    blockedBy(
        call(b -> b.wrongNumber = true, TUESDAY_10AM), ReasonCode.WRONG_NUMBER, "wrong_number");
    blockedBy(call(b -> b.phone = null, TUESDAY_10AM), ReasonCode.NO_PHONE, "phone");
  }

  @Test
  void lettersIgnoreTimeRulesButNotAccountRules() {
    assertThat(decide(b -> {}, Channel.LETTER, ny("2026-03-15T23:00")).allowed()).isTrue();
  }

  @Test
  void campaignWindowsNarrowAndMayWidenOnlyToTheOuterLimit() {
    SubjectBuilder cn = new SubjectBuilder().zone("Asia/Shanghai", "CN");
    Instant at2130 =
        LocalDateTime.parse("2026-03-10T21:30").atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    Instant at2230 =
        LocalDateTime.parse("2026-03-10T22:30").atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    TimeRange late = new TimeRange(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(23, 0));
    assertThat(POLICY.explain(cn.build(), Channel.CALL, at2130, CampaignLimits.NONE).reasons())
        .containsExactly(ReasonCode.OUTSIDE_WINDOW);
    assertThat(
            POLICY
                .explain(
                    cn.build(), Channel.CALL, at2130, new CampaignLimits(late, java.util.List.of()))
                .allowed())
        .isTrue();
    assertThat(
            POLICY
                .explain(
                    cn.build(), Channel.CALL, at2230, new CampaignLimits(late, java.util.List.of()))
                .reasons())
        .containsExactly(ReasonCode.OUTSIDE_WINDOW);
    // In the US the outer limit is 21:00: the same campaign window does not widen it.
    assertThat(
            POLICY
                .explain(
                    new SubjectBuilder().build(),
                    Channel.CALL,
                    ny("2026-03-10T21:30"),
                    new CampaignLimits(late, java.util.List.of()))
                .reasons())
        .containsExactly(ReasonCode.OUTSIDE_WINDOW);
  }

  @Test
  void jsonNamesAllowedReasonsAndRules() {
    String json = call(b -> b.holds.add(HoldKind.DISPUTE), TUESDAY_10AM).toJson();
    assertThat(json)
        .startsWith("{\"allowed\": false, \"reasons\": [\"HOLD_DISPUTE\"], \"rules\": [");
    assertThat(json)
        .contains(
            "{\"rule\": \"hold\", \"verdict\": \"block\", \"detail\": \"dispute hold in place; only a person can lift it\"}");
  }

  @Test
  void everyReasonCodeHasATableRow() {
    // Guards this table: a new reason code must come with a row above.
    assertThat(ReasonCode.values()).hasSize(18);
  }
}
