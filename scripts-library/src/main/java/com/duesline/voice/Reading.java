package com.duesline.voice;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * How one language reads variable values aloud, as a list of words, each of which is one recorded
 * clip ({@code words/<word>.wav} in a voice). A recorded voice speaks any amount, date or number
 * from this small fixed set of clips instead of a recording per value.
 */
public interface Reading {
  /**
   * An amount of money, e.g. 1800.50 → 一千八百元五角 / one thousand eight hundred dollars fifty cents.
   */
  List<String> money(BigDecimal amount);

  /** A calendar date, e.g. 2026-05-01 → 二零二六年五月一日. */
  List<String> date(LocalDate date);

  /** A count or quantity (days overdue, plan months), e.g. 10005 → 一万零五. */
  List<String> number(long n);

  /** Digits one by one (unit and phone numbers); characters other than 0–9 are skipped. */
  List<String> digits(String text);

  /** A day of the week, e.g. 星期三 / wednesday. */
  List<String> weekday(DayOfWeek day);

  /** Every word these readings can produce: the clip set a voice needs. */
  Set<String> words();

  /** The reading rules for a language code, or an exception naming the ones there are. */
  static Reading of(String lang) {
    return switch (lang) {
      case "zh" -> new ChineseReading();
      case "en" -> new EnglishReading();
      default ->
          throw new IllegalArgumentException(
              "no reading rules for language '" + lang + "' (have en, zh)");
    };
  }
}
