package com.duesline.campaign;

import java.time.LocalDate;

/**
 * Whether a party pays early in the month (the seeds' "pays early in the month, remind on the
 * 1st-3rd"), learnt from their payment dates. The hour to call is the {@link AnswerModel}'s choice.
 *
 * @param earlyMonthPayer most payments fall on days 1-5 of the month
 */
public record BestTime(boolean earlyMonthPayer) {
  /** Payments needed before calling someone an early-month payer. */
  static final int MIN_PAYMENTS = 3;

  public static final BestTime UNKNOWN = new BestTime(false);

  /** Learns from the account's payment dates. */
  public static BestTime learn(AccountSnapshot a) {
    int early = 0;
    for (LocalDate d : a.paymentDates()) if (d.getDayOfMonth() <= 5) early++;
    boolean earlyPayer =
        a.paymentDates().size() >= MIN_PAYMENTS && early * 3 >= a.paymentDates().size() * 2;
    return earlyPayer ? new BestTime(true) : UNKNOWN;
  }
}
