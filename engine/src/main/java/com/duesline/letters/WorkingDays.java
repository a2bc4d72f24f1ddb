package com.duesline.letters;

import com.duesline.policy.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Counts working days for reply deadlines: rest days and holidays of the party's calendar (the
 * Spring Festival break in the Chinese one) are skipped. Beyond the years a calendar covers, only
 * Saturdays and Sundays are skipped, which can only make the deadline earlier than a holiday would.
 */
final class WorkingDays {
  private WorkingDays() {}

  static LocalDate after(LocalDate from, int days, HolidayCalendar calendar) {
    LocalDate d = from;
    int counted = 0;
    while (counted < days) {
      d = d.plusDays(1);
      boolean rest =
          calendar != null && calendar.covers(d)
              ? calendar.restDay(d)
                  || calendar.holiday(d) != null
                  || d.getDayOfWeek() == DayOfWeek.SATURDAY
              : d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (!rest) counted++;
    }
    return d;
  }
}
