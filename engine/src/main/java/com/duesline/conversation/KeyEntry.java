package com.duesline.conversation;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;

/**
 * Reads digits typed on the keypad as the entity a question's keypad entry asks for ({@code date#},
 * {@code months#}, {@code amount#}; see {@code Track.KEY_ENTRIES}), in the form the intent
 * matcher's entities take (ISO date, whole number), or nothing when they do not make one.
 */
final class KeyEntry {
  /** The entity value, or empty when the digits are not a valid one. */
  static Optional<String> read(String entity, String digits, LocalDate today) {
    if (!digits.matches("[0-9]{1,8}")) return Optional.empty();
    return switch (entity) {
      case "date" -> date(digits, today).map(LocalDate::toString);
      case "installments", "amount" ->
          digits.length() > 6
              ? Optional.empty()
              : Optional.of(String.valueOf(Integer.parseInt(digits)));
      default -> Optional.empty();
    };
  }

  /**
   * DD (this month or next), MMDD (the next such day from today) or YYYYMMDD; never a day already
   * past.
   */
  static Optional<LocalDate> date(String d, LocalDate today) {
    if (today == null)
      return Optional.empty(); // without the caller's date "the 15th" means nothing
    try {
      LocalDate date;
      switch (d.length()) {
        case 1, 2 -> {
          int day = Integer.parseInt(d);
          date = today.withDayOfMonth(Math.min(day, today.lengthOfMonth()));
          if (day > today.lengthOfMonth()) return Optional.empty();
          if (date.isBefore(today)) {
            LocalDate next = today.plusMonths(1);
            if (day > next.lengthOfMonth()) return Optional.empty();
            date = next.withDayOfMonth(day);
          }
        }
        case 3, 4 -> {
          MonthDay md =
              MonthDay.of(
                  Integer.parseInt(d.substring(0, d.length() - 2)),
                  Integer.parseInt(d.substring(d.length() - 2)));
          date = md.atYear(today.getYear());
          if (date.isBefore(today)) date = md.atYear(today.getYear() + 1);
        }
        case 8 ->
            date =
                LocalDate.of(
                    Integer.parseInt(d.substring(0, 4)),
                    Integer.parseInt(d.substring(4, 6)),
                    Integer.parseInt(d.substring(6)));
        default -> {
          return Optional.empty();
        }
      }
      return date.isBefore(today) ? Optional.empty() : Optional.of(date);
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private KeyEntry() {}
}
