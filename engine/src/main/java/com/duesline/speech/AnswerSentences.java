package com.duesline.speech;

import com.duesline.voice.EnglishReading;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whole answers ("two thousand nine hundred fifty dollars", "tuesday may seventh") for the amount
 * and date grammars. Vosk does not treat a grammar as a flat loop of its phrases: it estimates a
 * word-pair (bigram) model from them, so single words give every word the same chance after any
 * other, and under noise the grammar heard "hundred thursday dollars" or "third november fifth".
 * Given the answers as they are said, the pairs follow the shape of an amount or a date ("hundred"
 * → a tens word, a weekday → a month, a month → an ordinal), and a pair never said is still
 * possible through Vosk's back-off, so an odd answer is not forced out. Repetition weighs the pairs
 * (Vosk counts them). Read with {@link EnglishReading}, the reader the bot speaks with.
 */
final class AnswerSentences {
  private AnswerSentences() {}

  private static final EnglishReading READING = new EnglishReading();

  private static List<String> weekdays() {
    List<String> out = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) out.add(d.name().toLowerCase(Locale.ROOT));
    return out;
  }

  /**
   * "N dollars" and the bare number for every amount below 1,000; "K thousand N dollars" for every
   * N below 1,000 with K cycling 1–9 and round thousands to 99,000 (every pair once or a few times,
   * no amount favoured); cents; an amount's day ("... dollars on friday", "... dollars tomorrow").
   */
  static List<String> amounts(List<String> relativeDays) {
    List<String> out = new ArrayList<>();
    for (int n = 1; n < 1000; n++) {
      out.add(money(n));
      out.add(String.join(" ", READING.number(n)));
      out.add(money(1000 * (1 + n % 9) + n));
    }
    for (int k = 1; k < 100; k++) out.add(money(1000 * k));
    for (int c = 1; c < 100; c++)
      out.add("dollars and " + String.join(" ", READING.number(c)) + " cents");
    List<String> days = new ArrayList<>(weekdays());
    days.addAll(relativeDays);
    for (String d : days) {
      out.add("dollars " + d);
      out.add("dollars on " + d);
      out.add("dollars by " + d);
    }
    out.addAll(List.of("a hundred dollars", "a thousand dollars", "and a half"));
    return out;
  }

  /**
   * Every month and day ("may seventh"), as often without a weekday as with each of the seven
   * ("tuesday may seventh"); "the seventh of may", "may the seventh"; "the seventh (of the month)",
   * "friday the seventh"; "on friday", "next friday", "this friday", "by friday".
   */
  static List<String> dates() {
    List<String> out = new ArrayList<>();
    List<String> weekdays = weekdays();
    for (Month m : Month.values()) {
      for (int d = 1; d <= m.maxLength(); d++) {
        String monthDay = monthDay(m, d);
        String month = m.name().toLowerCase(Locale.ROOT);
        String day = monthDay.substring(month.length() + 1);
        for (String w : weekdays) {
          out.add(monthDay);
          out.add(w + " " + monthDay);
        }
        out.add(month + " the " + day);
        out.add("the " + day + " of " + month);
      }
    }
    for (int d = 1; d <= 31; d++) {
      String day = monthDay(Month.JANUARY, d).substring("january ".length());
      out.addAll(
          List.of(
              "the " + day,
              "on the " + day,
              "the " + day + " of the month",
              "the " + day + " of next month"));
      for (String w : weekdays) out.add(w + " the " + day);
    }
    for (String w : weekdays)
      out.addAll(List.of(w, "on " + w, "next " + w, "this " + w, "by " + w));
    out.addAll(List.of("the end of the month", "by the end of the month"));
    return out;
  }

  private static String money(int dollars) {
    return String.join(" ", READING.money(BigDecimal.valueOf(dollars)));
  }

  /** "may seventh": the reader's date without its year (a leap year, so February has 29 days). */
  private static String monthDay(Month m, int day) {
    List<String> words = READING.date(LocalDate.of(2024, m, day));
    // 2024 reads "twenty twenty four": three words.
    return String.join(" ", words.subList(0, words.size() - 3));
  }
}
