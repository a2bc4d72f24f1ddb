package com.duesline.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Everything the arrears rules need about one unit, as read from the store. */
public record AccountFacts(
    long unitId,
    String unit,
    boolean commercial,
    Long partyId,
    String party,
    Long phoneId,
    String phoneE164,
    String phoneStatus,
    String timezone,
    String language,
    List<ChargeFact> charges,
    List<PaymentFact> payments,
    Set<String> activeHoldKinds) {

  /** A charge: period YYYY-MM, amount, due date. */
  public record ChargeFact(String period, BigDecimal amount, LocalDate due) {}

  /** A payment: amount and the day it was received. */
  public record PaymentFact(BigDecimal amount, LocalDate paidOn) {}
}
