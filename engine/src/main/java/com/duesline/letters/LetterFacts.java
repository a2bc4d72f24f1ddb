package com.duesline.letters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a letter states about one account on one day: the owner and unit, the recipient, the
 * itemisation since the itemisation date, the balance and the deadlines.
 *
 * @param balanceAtItemisation what was owed on the itemisation date, before the items listed
 * @param items charges and payments from the itemisation date to the letter date, oldest first
 * @param oldestDue the oldest unpaid charge's due date, or null when nothing is overdue
 */
public record LetterFacts(
    long unitId,
    String unit,
    Long partyId,
    String owner,
    String language,
    Recipient recipient,
    LocalDate letterDate,
    LocalDate itemisationDate,
    BigDecimal balanceAtItemisation,
    List<LineItem> items,
    BigDecimal balance,
    LocalDate oldestDue,
    int daysOverdue,
    int unpaidPeriods,
    String payLink) {
  public LetterFacts {
    items = List.copyOf(items);
  }

  public BigDecimal chargesSince() {
    return items.stream()
        .filter(i -> i.charge() != null)
        .map(LineItem::charge)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal paymentsSince() {
    return items.stream()
        .filter(i -> i.payment() != null)
        .map(LineItem::payment)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
