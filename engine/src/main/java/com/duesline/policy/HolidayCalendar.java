package com.duesline.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Rest days and holidays of one calendar, with the years it covers: a date outside them is refused
 * rather than assumed to be a working day.
 */
public record HolidayCalendar(
    String id,
    int firstYear,
    int lastYear,
    Set<DayOfWeek> restDays,
    Map<LocalDate, String> holidays) {

  public boolean covers(LocalDate date) {
    return date.getYear() >= firstYear && date.getYear() <= lastYear;
  }

  /** The holiday's name on {@code date}, or null. */
  public String holiday(LocalDate date) {
    return holidays.get(date);
  }

  public boolean restDay(LocalDate date) {
    return restDays.contains(date.getDayOfWeek());
  }
}
