package com.duesline.campaign;

import java.time.LocalDate;

/**
 * When a campaign runs: always, between dates, and/or only in the last days of each quarter (the
 * concentrated quarter-end campaign over the long-overdue list).
 *
 * @param from first day, or null
 * @param to last day, or null
 * @param quarterEndDays only the last this many days of a calendar quarter (0 = any day)
 */
public record ActivePeriod(LocalDate from, LocalDate to, int quarterEndDays) {
  public static final ActivePeriod ALWAYS = new ActivePeriod(null, null, 0);

  public boolean includes(LocalDate day) {
    if (from != null && day.isBefore(from)) return false;
    if (to != null && day.isAfter(to)) return false;
    if (quarterEndDays > 0) {
      int lastMonth = ((day.getMonthValue() - 1) / 3) * 3 + 3;
      LocalDate quarterEnd =
          LocalDate.of(day.getYear(), lastMonth, 1)
              .withDayOfMonth(LocalDate.of(day.getYear(), lastMonth, 1).lengthOfMonth());
      return !day.isBefore(quarterEnd.minusDays(quarterEndDays - 1L));
    }
    return true;
  }
}
