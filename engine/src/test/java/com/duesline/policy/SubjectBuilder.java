package com.duesline.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds contact subjects for tests: a paying-nothing-yet party in New York with consent on both
 * channels.
 */
final class SubjectBuilder {
  String accountId = "U-1";
  String phone = "+12125550100";
  ZoneId addressZone = ZoneId.of("America/New_York");
  String addressJurisdiction = "US-NY";
  ZoneId phoneZone;
  String phoneJurisdiction;
  Map<Channel, Consent> consents =
      new EnumMap<>(Map.of(Channel.CALL, Consent.GRANTED, Channel.SMS, Consent.GRANTED));
  boolean doNotCall;
  boolean wrongNumber;
  Set<HoldKind> holds = EnumSet.noneOf(HoldKind.class);
  LocalDate promiseDate;
  long balanceCents = 10_000;
  List<PastContact> history = new ArrayList<>();

  SubjectBuilder zone(String zone, String jurisdiction) {
    addressZone = ZoneId.of(zone);
    addressJurisdiction = jurisdiction;
    return this;
  }

  SubjectBuilder phoneIn(String zone, String jurisdiction) {
    phoneZone = zone == null ? null : ZoneId.of(zone);
    phoneJurisdiction = jurisdiction;
    return this;
  }

  SubjectBuilder contact(Instant at, Channel ch, boolean conversation) {
    history.add(new PastContact(at, ch, conversation));
    history.sort((a, b) -> a.at().compareTo(b.at()));
    return this;
  }

  ContactSubject build() {
    return new ContactSubject(
        accountId,
        phone,
        addressZone,
        addressJurisdiction,
        phoneZone,
        phoneJurisdiction,
        Map.copyOf(consents),
        doNotCall,
        wrongNumber,
        Set.copyOf(holds),
        promiseDate,
        balanceCents,
        List.copyOf(history));
  }
}
