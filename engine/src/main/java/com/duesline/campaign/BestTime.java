package com.duesline.campaign;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a party is most likely to answer and to pay, learnt from their own history: the local hour
 * at which past calls were answered most often, and whether they pay early in the month (the seeds'
 * "pays early in the month, remind on the 1st-3rd").
 *
 * @param hour preferred local hour, or -1 when there is not enough history
 * @param earlyMonthPayer most payments fall on days 1-5 of the month
 */
public record BestTime(int hour, boolean earlyMonthPayer) {
  /** Fewer answers than this say nothing about a preferred hour. */
  static final int MIN_ANSWERS = 2;
  /** Payments needed before calling someone an early-month payer. */
  static final int MIN_PAYMENTS = 3;

  public static final BestTime UNKNOWN = new BestTime(-1, false);

  /** Learns from the account's attempts (answered ones) and payment dates. */
  public static BestTime learn(AccountSnapshot a) {
    ZoneId zone = a.party().addressZone();
    int[] byHour = new int[24];
    int answers = 0;
    for (Attempt at : a.attempts()) {
      if (at.outcome().conversation()) {
        byHour[at.at().atZone(zone).getHour()]++;
        answers++;
      }
    }
    int hour = -1;
    if (answers >= MIN_ANSWERS) {
      int best = 0;
      for (int h = 0; h < 24; h++) {
        if (byHour[h] > best) {
          best = byHour[h];
          hour = h;
        }
      }
      if (best < MIN_ANSWERS) hour = -1;
    }
    int early = 0;
    for (LocalDate d : a.paymentDates()) if (d.getDayOfMonth() <= 5) early++;
    boolean earlyPayer = a.paymentDates().size() >= MIN_PAYMENTS && early * 3 >= a.paymentDates().size() * 2;
    return hour < 0 && !earlyPayer ? UNKNOWN : new BestTime(hour, earlyPayer);
  }
}
