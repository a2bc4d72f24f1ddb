package com.duesline.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated parties, zones (around DST changes), jurisdictions and histories: no contact the policy
 * allows ever breaks a rule, checked by an independent brute-force oracle over the same data.
 */
class ContactPolicyPropertyTest {
  static final PolicyRules RULES = PolicyRules.bundled();
  static final ContactPolicy POLICY = new ContactPolicy(RULES);
  static final String[] ZONES = {
    "America/New_York",
    "America/Los_Angeles",
    "America/Phoenix",
    "America/Chicago",
    "Pacific/Honolulu",
    "Asia/Shanghai",
    "Australia/Lord_Howe",
    "Europe/London",
    "Asia/Kolkata"
  };
  static final String[] JURISDICTIONS = {"US", "US-MA", "US-FL", "US-NY", "CN", null, "XX"};

  /** DST changes in 2025-2027 (UTC) and ordinary days, around which instants are drawn. */
  static final Instant[] ANCHORS = {
    Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"),
    Instant.parse("2025-03-09T07:00:00Z"), Instant.parse("2025-11-02T06:00:00Z"),
    Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-10-25T01:00:00Z"),
    Instant.parse("2026-04-04T15:00:00Z"), Instant.parse("2026-10-03T16:00:00Z"),
    Instant.parse("2026-02-15T00:00:00Z"), Instant.parse("2026-07-01T12:00:00Z"),
    Instant.parse("2027-12-30T12:00:00Z")
  };

  @Test
  void noAllowedContactBreaksARule() {
    Random rnd = new Random(20261125L);
    int allowed = 0;
    for (int i = 0; i < 25_000; i++) {
      ContactSubject s = subject(rnd);
      Instant at = around(rnd);
      Channel ch = rnd.nextInt(4) == 0 ? Channel.SMS : Channel.CALL;
      PolicyDecision d = POLICY.explain(s, ch, at, CampaignLimits.NONE);
      PolicyDecision fast = POLICY.decide(s, ch, at, CampaignLimits.NONE);
      assertThat(fast.allowed()).isEqualTo(d.allowed());
      assertThat(d.allowed()).isEqualTo(d.reasons().isEmpty());
      String broken = oracle(s, ch, at);
      if (d.allowed()) {
        allowed++;
        if (broken != null)
          fail(
              "allowed but breaks "
                  + broken
                  + "\n"
                  + s
                  + "\nat "
                  + at
                  + " "
                  + ch
                  + "\n"
                  + d.toText());
      } else if (broken == null) {
        fail(
            "blocked although no rule is broken\n"
                + s
                + "\nat "
                + at
                + " "
                + ch
                + "\n"
                + d.toText());
      }
    }
    // The generator must exercise both outcomes, or the property says nothing.
    assertThat(allowed).isBetween(1_000, 24_000);
  }

  @Test
  void aBlockThatTimeLiftsIsLiftedWhereItSays() {
    Random rnd = new Random(99L);
    int checked = 0;
    for (int i = 0; i < 10_000; i++) {
      ContactSubject g = subject(rnd);
      Instant at = around(rnd);
      // Only the past is known at planning time: drop generated attempts after `at`.
      ContactSubject s =
          new ContactSubject(
              g.accountId(),
              g.phone(),
              g.addressZone(),
              g.addressJurisdiction(),
              g.phoneZone(),
              g.phoneJurisdiction(),
              g.consents(),
              g.doNotCall(),
              g.wrongNumber(),
              g.holds(),
              g.promiseDate(),
              g.balanceCents(),
              g.history().stream().filter(c -> !c.at().isAfter(at)).toList());
      Channel ch = rnd.nextBoolean() ? Channel.SMS : Channel.CALL;
      for (RuleVerdict v : POLICY.explain(s, ch, at, CampaignLimits.NONE).rules()) {
        if (!v.blocks() || v.liftsAt() == null) continue;
        assertThat(v.liftsAt()).as(v.toString()).isAfter(at);
        PolicyDecision later = POLICY.explain(s, ch, v.liftsAt(), CampaignLimits.NONE);
        assertThat(later.rules())
            .as("%s at %s then %s", v, at, v.liftsAt())
            .noneMatch(w -> w.rule().equals(v.rule()) && w.reason() == v.reason());
        // And one minute earlier it still blocks: the hint is the earliest moment, not just a later
        // one.
        PolicyDecision before =
            POLICY.explain(s, ch, v.liftsAt().minusSeconds(60), CampaignLimits.NONE);
        if (!v.liftsAt().minusSeconds(60).isBefore(at)) {
          // (A run of rest days and holidays counts as one block: Sunday after New Year's Day.)
          String place = v.rule().substring(Math.max(0, v.rule().indexOf('[')));
          assertThat(before.rules())
              .as("%s a minute before %s", v, v.liftsAt())
              .anyMatch(
                  w ->
                      w.blocks()
                          && (w.rule().equals(v.rule())
                              || (w.rule().endsWith(place)
                                  && (w.reason() == ReasonCode.HOLIDAY
                                      || w.reason() == ReasonCode.REST_DAY))));
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(3_000);
  }

  @Test
  void aGreedyDialerNeverExceedsAnyCapInAnyWindow() {
    Random rnd = new Random(7L);
    int runsWithContacts = 0;
    for (int run = 0; run < 300; run++) {
      SubjectBuilder b = base(rnd);
      b.holds.clear();
      b.promiseDate = null;
      b.balanceCents = 5_000;
      b.wrongNumber = false;
      b.doNotCall = false;
      b.history.clear();
      Instant t = ANCHORS[rnd.nextInt(ANCHORS.length)].minus(Duration.ofDays(10));
      Instant end = t.plus(Duration.ofDays(21));
      int made = 0;
      // Try every 10 minutes for three weeks; contact whenever the policy allows.
      for (; t.isBefore(end); t = t.plus(Duration.ofMinutes(10))) {
        Channel ch = rnd.nextInt(5) == 0 ? Channel.SMS : Channel.CALL;
        ContactSubject s = b.build();
        if (POLICY.decide(s, ch, t, CampaignLimits.NONE).allowed()) {
          String broken = oracle(s, ch, t);
          if (broken != null) fail("allowed but breaks " + broken + " at " + t);
          b.history.add(new PastContact(t, ch, rnd.nextInt(8) == 0));
          made++;
        }
      }
      if (made > 0) runsWithContacts++;
      checkWholeHistory(b.build());
    }
    // Some parties are never reachable (opted out, or zones whose windows never overlap); most are.
    assertThat(runsWithContacts).isGreaterThan(200);
  }

  /** Every rolling window and local day in the final history respects every cap. */
  static void checkWholeHistory(ContactSubject s) {
    List<ContactPolicy.Place> places = POLICY.places(s);
    for (FrequencyCap cap : ContactPolicy.caps(places).values()) {
      for (PastContact c : s.history()) {
        if (c.channel() != cap.channel()) continue;
        long n;
        if (cap.perLocalDay()) {
          LocalDate day = c.at().atZone(s.addressZone()).toLocalDate();
          n =
              s.history().stream()
                  .filter(
                      o ->
                          o.channel() == cap.channel()
                              && o.at().atZone(s.addressZone()).toLocalDate().equals(day))
                  .count();
        } else {
          n =
              s.history().stream()
                  .filter(
                      o ->
                          o.channel() == cap.channel()
                              && !o.at().isBefore(c.at())
                              && o.at().isBefore(c.at().plus(cap.window())))
                  .count();
        }
        assertThat(n).as("cap %s from %s", cap.id(), c.at()).isLessThanOrEqualTo(cap.max());
      }
    }
  }

  static SubjectBuilder base(Random rnd) {
    SubjectBuilder b = new SubjectBuilder();
    b.zone(ZONES[rnd.nextInt(ZONES.length)], JURISDICTIONS[rnd.nextInt(JURISDICTIONS.length)]);
    if (rnd.nextInt(3) == 0)
      b.phoneIn(ZONES[rnd.nextInt(ZONES.length)], JURISDICTIONS[rnd.nextInt(JURISDICTIONS.length)]);
    for (Channel ch : List.of(Channel.CALL, Channel.SMS)) {
      int r = rnd.nextInt(10);
      b.consents.put(ch, r == 0 ? Consent.REVOKED : r < 3 ? Consent.UNKNOWN : Consent.GRANTED);
    }
    return b;
  }

  static ContactSubject subject(Random rnd) {
    SubjectBuilder b = base(rnd);
    b.doNotCall = rnd.nextInt(20) == 0;
    b.wrongNumber = rnd.nextInt(30) == 0;
    if (rnd.nextInt(25) == 0) b.holds.add(HoldKind.values()[rnd.nextInt(3)]);
    if (rnd.nextInt(8) == 0)
      b.promiseDate = LocalDate.parse("2026-03-01").plusDays(rnd.nextInt(300));
    b.balanceCents = rnd.nextInt(30) == 0 ? 0 : 1 + rnd.nextInt(2_000_000);
    int n = rnd.nextInt(12);
    Instant anchor = ANCHORS[rnd.nextInt(ANCHORS.length)];
    for (int i = 0; i < n; i++) {
      Instant at = anchor.minus(Duration.ofMinutes(rnd.nextInt(60 * 24 * 9)));
      b.history.add(
          new PastContact(
              at, rnd.nextInt(4) == 0 ? Channel.SMS : Channel.CALL, rnd.nextInt(10) == 0));
    }
    b.history.sort((x, y) -> x.at().compareTo(y.at()));
    return b.build();
  }

  static Instant around(Random rnd) {
    return ANCHORS[rnd.nextInt(ANCHORS.length)].plus(
        Duration.ofMinutes(rnd.nextInt(60 * 24 * 4) - 60 * 24 * 2));
  }

  /**
   * An independent statement of the rules: the first one {@code at} breaks, or null. It reads the
   * same data but not the policy's code (local times via LocalDateTime, counts by brute force).
   */
  static String oracle(ContactSubject s, Channel ch, Instant at) {
    if (s.balanceCents() <= 0) return "paid";
    if (!s.holds().isEmpty()) return "hold";
    if (s.promiseDate() != null) {
      LocalDate today = LocalDateTime.ofInstant(at, s.addressZone()).toLocalDate();
      if (today.compareTo(s.promiseDate().plusDays(RULES.promiseGraceDays())) <= 0)
        return "promise";
    }
    if (s.wrongNumber()) return "wrong number";
    if (ch == Channel.CALL && s.doNotCall()) return "dnc";
    if (s.consent(ch) == Consent.REVOKED) return "opted out";
    List<Object[]> places = new ArrayList<>();
    places.add(new Object[] {s.addressZone(), RULES.jurisdiction(s.addressJurisdiction())});
    if (s.phoneZone() != null || s.phoneJurisdiction() != null) {
      places.add(
          new Object[] {
            s.phoneZone() == null ? s.addressZone() : s.phoneZone(),
            s.phoneJurisdiction() == null
                ? RULES.jurisdiction(s.addressJurisdiction())
                : RULES.jurisdiction(s.phoneJurisdiction())
          });
    }
    for (Object[] p : places) {
      Jurisdiction j = (Jurisdiction) p[1];
      if (j.consentRequired().contains(ch) && s.consent(ch) != Consent.GRANTED) return "consent";
    }
    for (Object[] p : places) {
      ZoneId zone = (ZoneId) p[0];
      Jurisdiction j = (Jurisdiction) p[1];
      LocalDateTime local = LocalDateTime.ofInstant(at, zone);
      LocalTime t = local.toLocalTime();
      int minute = t.getHour() * 60 + t.getMinute();
      int start = j.window().start().getHour() * 60 + j.window().start().getMinute();
      int end = j.window().end().getHour() * 60 + j.window().end().getMinute();
      if (minute < start || minute >= end) return "window in " + zone;
      for (TimeRange q : j.quiet()) {
        int qs = q.start().getHour() * 60 + q.start().getMinute();
        int qe = q.end().getHour() * 60 + q.end().getMinute();
        if (minute >= qs && minute < qe) return "meal time in " + zone;
      }
      LocalDate day = local.toLocalDate();
      if (day.getYear() < j.calendar().firstYear() || day.getYear() > j.calendar().lastYear())
        return "calendar";
      if (j.calendar().restDays().contains(day.getDayOfWeek()))
        return "rest day " + day.getDayOfWeek();
      if (j.calendar().holidays().containsKey(day)) return "holiday";
    }
    // Reg F: a call within 7 x 24 h after any conversation.
    if (ch == Channel.CALL) {
      int days = 0;
      for (Object[] p : places)
        days = Math.max(days, ((Jurisdiction) p[1]).conversationCooldownDays());
      for (PastContact c : s.history()) {
        long secs = at.getEpochSecond() - c.at().getEpochSecond();
        if (c.conversation() && secs >= 0 && secs < days * 86_400L) return "cooldown";
      }
    }
    // Caps: this contact plus the past ones inside each period must not exceed any jurisdiction's
    // maximum.
    for (Object[] p : places) {
      for (FrequencyCap cap : ((Jurisdiction) p[1]).caps().values()) {
        if (cap.channel() != ch) continue;
        int n = 1;
        for (PastContact c : s.history()) {
          if (c.channel() != ch || c.at().isAfter(at)) continue;
          boolean inside =
              cap.perLocalDay()
                  ? LocalDateTime.ofInstant(c.at(), s.addressZone())
                      .toLocalDate()
                      .equals(LocalDateTime.ofInstant(at, s.addressZone()).toLocalDate())
                  : at.getEpochSecond() - c.at().getEpochSecond() < cap.window().getSeconds();
          if (inside) n++;
        }
        if (n > cap.max()) return "cap " + cap.id();
      }
    }
    return null;
  }

  @Test
  void theOracleItselfCatchesAWindowBreach() {
    // A sanity check that the oracle can fail: 03:00 local on a Tuesday is outside every window.
    ContactSubject s = new SubjectBuilder().build();
    Instant night =
        LocalDateTime.parse("2026-03-10T03:00").atZone(ZoneId.of("America/New_York")).toInstant();
    assertThat(oracle(s, Channel.CALL, night)).startsWith("window");
    assertThat(oracle(s, Channel.CALL, night.atOffset(ZoneOffset.UTC).withHour(15).toInstant()))
        .isNull();
    assertThat(DayOfWeek.from(LocalDate.parse("2026-03-10"))).isEqualTo(DayOfWeek.TUESDAY);
  }
}
