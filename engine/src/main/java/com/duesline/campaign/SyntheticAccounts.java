package com.duesline.campaign;

import com.duesline.ledger.BehaviourClass;
import com.duesline.policy.Channel;
import com.duesline.policy.Consent;
import com.duesline.policy.HoldKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generated in-memory accounts for the planning benchmark: the class mix of DOMAIN.md (70/15/10/5),
 * US and Chinese zones and jurisdictions, arrears from pre-due to two years, histories, holds,
 * promises and opt-outs. Account {@code i} is the same for the same seed, whatever the batch.
 */
public final class SyntheticAccounts {
  private static final String[][] PLACES = {
    {"America/New_York", "US-NY"}, {"America/New_York", "US-MA"}, {"America/New_York", "US-FL"},
    {"America/Chicago", "US-TX"}, {"America/Denver", "US-CO"}, {"America/Phoenix", "US-AZ"},
    {"America/Los_Angeles", "US-CA"}, {"Asia/Shanghai", "CN"}
  };
  private static final String[] COMMUNITIES = {
    "Maple Court", "River Park", "Harbour View", "Jade Garden", "Sunrise Towers"
  };
  private static final Outcome[] OUTCOMES = {
    Outcome.NO_ANSWER,
    Outcome.NO_ANSWER,
    Outcome.BUSY,
    Outcome.VOICEMAIL,
    Outcome.DELIVERED,
    Outcome.CONVERSATION,
    Outcome.PROMISE,
    Outcome.REFUSED,
    Outcome.CARRIER_ERROR
  };
  private static final String[] RUNGS = {
    "friendly_sms", "reminder_call", "intensified_call", "service_value_call", "legal_call"
  };

  private final long seed;
  private final Instant now;
  private final LocalDate today;
  private final Map<String, ZoneId> zones = new java.util.HashMap<>();

  public SyntheticAccounts(long seed, Instant now) {
    this.seed = seed;
    this.now = now;
    this.today = now.atZone(ZoneId.of("America/New_York")).toLocalDate();
    for (String[] p : PLACES) zones.put(p[0], ZoneId.of(p[0]));
  }

  /** Accounts {@code from} (inclusive) to {@code to} (exclusive). */
  public List<AccountSnapshot> batch(int from, int to) {
    List<AccountSnapshot> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) out.add(account(i));
    return out;
  }

  public AccountSnapshot account(int i) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    int c = r.nextInt(100);
    BehaviourClass cls =
        c < 70
            ? BehaviourClass.A
            : c < 85 ? BehaviourClass.B : c < 95 ? BehaviourClass.C : BehaviourClass.D;
    int dpd =
        switch (cls) {
          case A -> r.nextInt(-10, 20);
          case B -> r.nextInt(-7, 60);
          case C -> r.nextInt(1, 200);
          case D -> r.nextInt(60, 800);
        };
    int periods = Math.max(0, dpd / 30 + (dpd > 0 ? 1 : 0));
    long monthly = 100_00 + r.nextInt(400_00);
    long balance = dpd <= 0 ? monthly : monthly * periods + r.nextInt(50_00);
    String[] place = PLACES[r.nextInt(PLACES.length)];
    ZoneId zone = zones.get(place[0]);
    Map<Channel, Consent> consents = new EnumMap<>(Channel.class);
    consents.put(Channel.CALL, r.nextInt(50) == 0 ? Consent.REVOKED : Consent.GRANTED);
    consents.put(
        Channel.SMS,
        r.nextInt(30) == 0
            ? Consent.REVOKED
            : r.nextInt(5) == 0 ? Consent.UNKNOWN : Consent.GRANTED);
    Party party =
        new Party(
            "P" + i,
            "+1555" + String.format("%07d", i % 10_000_000),
            zone,
            place[1],
            null,
            null,
            place[1].equals("CN") ? "zh" : "en",
            consents,
            r.nextInt(100) == 0,
            r.nextInt(200) == 0);
    Set<HoldKind> holds = r.nextInt(100) == 0 ? Set.of(HoldKind.values()[r.nextInt(3)]) : Set.of();
    LocalDate promise = null;
    boolean broken = false;
    if (dpd > 0 && r.nextInt(15) == 0) {
      promise = today.plusDays(r.nextInt(-20, 14));
      broken = promise.plusDays(3).isBefore(today) && r.nextBoolean();
    }
    LocalDate instalment = dpd > 30 && r.nextInt(25) == 0 ? today.plusDays(r.nextInt(0, 20)) : null;
    int n = dpd <= 0 ? 0 : r.nextInt(0, 9);
    List<Attempt> attempts = new ArrayList<>(n);
    Instant t = now.minus(Duration.ofMinutes(r.nextInt(60 * 24 * 30)));
    for (int k = 0; k < n; k++) {
      t = t.plus(Duration.ofMinutes(r.nextInt(60, 60 * 24 * 3)));
      if (t.isAfter(now)) break;
      Outcome o = OUTCOMES[r.nextInt(OUTCOMES.length)];
      attempts.add(
          new Attempt(
              t,
              o == Outcome.DELIVERED ? Channel.SMS : Channel.CALL,
              RUNGS[r.nextInt(RUNGS.length)],
              o));
    }
    List<LocalDate> payments = new ArrayList<>();
    int pays = r.nextInt(0, 6);
    int payDay = cls == BehaviourClass.A ? r.nextInt(1, 6) : r.nextInt(1, 28);
    for (int k = 1; k <= pays; k++)
      payments.add(today.minusMonths(periods + k).withDayOfMonth(payDay));
    return new AccountSnapshot(
        "U" + i,
        "U" + i,
        COMMUNITIES[r.nextInt(COMMUNITIES.length)],
        r.nextInt(10) == 0 ? UnitKind.COMMERCIAL : UnitKind.RESIDENTIAL,
        cls,
        r.nextInt(20) == 0,
        balance,
        today.minusDays(dpd),
        periods,
        Math.min(periods, r.nextInt(0, 4)),
        party,
        holds,
        promise,
        broken,
        instalment,
        attempts,
        payments,
        null);
  }
}
