package com.duesline.campaign;

import com.duesline.ledger.BehaviourClass;
import com.duesline.policy.Channel;
import com.duesline.policy.Consent;
import com.duesline.policy.HoldKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Accounts for planner tests: a residential class-B unit in New York owing 300.00. */
final class AccountBuilder {
  String id = "U-1";
  String community = "Maple Court";
  UnitKind kind = UnitKind.RESIDENTIAL;
  BehaviourClass behaviour = BehaviourClass.B;
  boolean hardship;
  long balanceCents = 300_00;
  LocalDate dueDate;
  int periods = 1;
  int consecutive = 1;
  String zone = "America/New_York";
  String jurisdiction = "US-NY";
  Set<HoldKind> holds = EnumSet.noneOf(HoldKind.class);
  LocalDate promiseDate;
  boolean brokenPromise;
  LocalDate nextInstalment;
  List<Attempt> attempts = new ArrayList<>();
  List<LocalDate> payments = new ArrayList<>();

  AccountBuilder(LocalDate dueDate) {
    this.dueDate = dueDate;
  }

  AccountBuilder attempt(Instant at, Channel ch, String rung, Outcome o) {
    attempts.add(new Attempt(at, ch, rung, o));
    attempts.sort((a, b) -> a.at().compareTo(b.at()));
    return this;
  }

  AccountSnapshot build() {
    Party p =
        new Party(
            "P-" + id,
            "+12125550100",
            ZoneId.of(zone),
            jurisdiction,
            null,
            null,
            "en",
            Map.of(Channel.CALL, Consent.GRANTED, Channel.SMS, Consent.GRANTED),
            false,
            false);
    return new AccountSnapshot(
        id,
        id,
        community,
        kind,
        behaviour,
        hardship,
        balanceCents,
        dueDate,
        periods,
        consecutive,
        p,
        Set.copyOf(holds),
        promiseDate,
        brokenPromise,
        nextInstalment,
        List.copyOf(attempts),
        List.copyOf(payments),
        null);
  }
}
