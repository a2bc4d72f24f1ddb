package com.duesline.letters;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of a letter's itemisation: a charge or a payment on a date.
 *
 * @param kind the charge kind (service, late_fee, ...) or "payment"
 * @param period the charge's period (YYYY-MM), null for payments
 * @param charge the amount charged, or null
 * @param payment the amount paid, or null
 */
public record LineItem(
    LocalDate date, String kind, String period, BigDecimal charge, BigDecimal payment) {
  public boolean isPayment() {
    return payment != null;
  }
}
