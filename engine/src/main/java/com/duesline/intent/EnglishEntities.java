package com.duesline.intent;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates, amounts, instalment counts and yes/no in English transcripts. */
final class EnglishEntities {
  private static final Pattern TOKEN =
      Pattern.compile("\\$?\\d[\\d,]*(?:\\.\\d+)?(?:st|nd|rd|th)?|[a-z]+");
  private static final Map<String, DayOfWeek> WEEKDAYS =
      Map.ofEntries(
          Map.entry("monday", DayOfWeek.MONDAY),
          Map.entry("tuesday", DayOfWeek.TUESDAY),
          Map.entry("wednesday", DayOfWeek.WEDNESDAY),
          Map.entry("thursday", DayOfWeek.THURSDAY),
          Map.entry("friday", DayOfWeek.FRIDAY),
          Map.entry("saturday", DayOfWeek.SATURDAY),
          Map.entry("sunday", DayOfWeek.SUNDAY));
  private static final List<String> MONTHS =
      List.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");
  private static final Set<String> NOT_MONEY_AFTER =
      Set.of(
          "month",
          "months",
          "payment",
          "payments",
          "installment",
          "installments",
          "instalment",
          "instalments",
          "part",
          "parts",
          "chunk",
          "chunks",
          "week",
          "weeks",
          "day",
          "days",
          "year",
          "years",
          "minute",
          "minutes",
          "hour",
          "hours",
          "time",
          "times",
          "percent",
          "am",
          "pm",
          "oclock",
          "of",
          "people",
          "kids",
          "calls");
  private static final Set<String> MONEY_AFTER = Set.of("dollars", "dollar", "bucks", "usd");
  private static final Set<String> PLAN_UNITS =
      Set.of(
          "month",
          "months",
          "payment",
          "payments",
          "installment",
          "installments",
          "instalment",
          "instalments",
          "part",
          "parts",
          "chunks",
          "pieces");
  private static final Set<String> YES =
      Set.of(
          "yes",
          "yeah",
          "yep",
          "yup",
          "yea",
          "sure",
          "correct",
          "okay",
          "ok",
          "absolutely",
          "definitely",
          "affirmative",
          "alright",
          "right");
  private static final Set<String> NO = Set.of("no", "nope", "nah", "negative");
  private static final Set<String> FILLERS =
      Set.of(
          "um", "uh", "er", "erm", "ah", "oh", "well", "hmm", "mm", "so", "and", "but", "i", "that",
          "thats", "is");

  private EnglishEntities() {}

  static Map<String, String> extract(String text, LocalDate today, Payday payday) {
    List<String> tokens = tokens(text);
    Map<String, String> out = new LinkedHashMap<>();
    LocalDate date = date(tokens, today, payday);
    if (date != null) out.put("date", date.toString());
    BigDecimal amount = amount(tokens);
    if (amount != null) out.put("amount", EntityExtractor.money(amount));
    Integer plan = installments(tokens);
    if (plan != null) out.put("installments", plan.toString());
    String yn = yesNo(tokens);
    if (yn != null) out.put("yes_no", yn);
    return out;
  }

  static List<String> tokens(String text) {
    String t = text.toLowerCase(Locale.ROOT).replaceAll("['\u2019`]", "").replace('-', ' ');
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(t);
    while (m.find()) out.add(m.group());
    return out;
  }

  static LocalDate date(List<String> t, LocalDate today, Payday payday) {
    boolean paydayMentioned = false;
    for (int i = 0; i < t.size(); i++) {
      String w = t.get(i);
      String next = i + 1 < t.size() ? t.get(i + 1) : "";
      String prev = i > 0 ? t.get(i - 1) : "";
      if (w.equals("day") && next.equals("after") && at(t, i + 2, "tomorrow"))
        return today.plusDays(2);
      if (w.equals("tomorrow")) return today.plusDays(1);
      if (w.equals("yesterday")) return today.minusDays(1);
      if (w.equals("today") || w.equals("tonight")) return today;
      if (w.equals("this") && Set.of("afternoon", "morning", "evening").contains(next))
        return today;
      if (w.equals("end") && next.equals("of")) {
        int j = i + 2;
        if (at(t, j, "the")) j++;
        if (at(t, j, "month") || at(t, j, "this") && at(t, j + 1, "month"))
          return YearMonth.from(today).atEndOfMonth();
        if (at(t, j, "next") && at(t, j + 1, "month"))
          return YearMonth.from(today).plusMonths(1).atEndOfMonth();
        if (at(t, j, "week") || at(t, j, "this") && at(t, j + 1, "week")) {
          LocalDate friday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
          return friday.isAfter(today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)))
              ? today
              : friday;
        }
      }
      if ((w.equals("beginning") || w.equals("start")) && next.equals("of"))
        return YearMonth.from(today).plusMonths(1).atDay(1);
      if (w.equals("next") && next.equals("month"))
        return YearMonth.from(today).plusMonths(1).atDay(1);
      if (w.equals("next") && next.equals("week"))
        return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
      DayOfWeek dow = WEEKDAYS.get(w);
      if (dow != null) {
        // "tuesday january sixth", "friday the fifth": the date said after the weekday is the
        // promise, the weekday only names it (next Tuesday would be a wrong promise).
        LocalDate named = dateNamedAfter(t, i + 1, today, payday);
        if (named != null) return named;
        if (prev.equals("next"))
          return today
              .with(TemporalAdjusters.next(DayOfWeek.MONDAY))
              .with(TemporalAdjusters.nextOrSame(dow));
        if (prev.equals("this")) return today.with(TemporalAdjusters.nextOrSame(dow));
        if (prev.equals("last")) return today.with(TemporalAdjusters.previous(dow));
        return today.with(TemporalAdjusters.next(dow));
      }
      if (w.equals("in") && i + 1 < t.size()) {
        int j = i + 1;
        long n = -1;
        if (at(t, j, "a") && at(t, j + 1, "couple")) {
          n = 2;
          j += 2;
          if (at(t, j, "of")) j++;
        } else if (at(t, j, "a") && at(t, j + 1, "few")) {
          n = 3;
          j += 2;
        } else if (at(t, j, "a")) {
          n = 1;
          j += 1;
        } else {
          EnglishNumbers.Read r = EnglishNumbers.read(t, j);
          if (r != null && !r.ordinal()) {
            n = r.value().longValue();
            j += r.length();
          }
        }
        if (n >= 0 && j < t.size()) {
          String unit = t.get(j);
          if (unit.startsWith("day")) return today.plusDays(n);
          if (unit.startsWith("week")) return today.plusWeeks(n);
          if (unit.startsWith("month")) return today.plusMonths(n);
        }
      }
      int month = MONTHS.indexOf(w);
      if (month >= 0
          && !(w.equals("may") && !(i + 1 < t.size() && EnglishNumbers.read(t, i + 1) != null))) {
        EnglishNumbers.Read r = i + 1 < t.size() ? EnglishNumbers.read(t, i + 1) : null;
        if (r == null && at(t, i + 1, "the") && i + 2 < t.size()) r = EnglishNumbers.read(t, i + 2);
        if (r != null && r.value().intValue() >= 1 && r.value().intValue() <= 31)
          return monthDay(today, month + 1, r.value().intValue());
        // "december for" is how the recognizer often writes "december four(th)": nothing else
        // follows a month as "for".
        if (r == null && at(t, i + 1, "for") && (i + 2 == t.size() || !at(t, i + 2, "the")))
          return monthDay(today, month + 1, 4);
      }
      EnglishNumbers.Read r =
          EnglishNumbers.isNumberWord(w) || Character.isDigit(w.charAt(0))
              ? EnglishNumbers.read(t, i)
              : null;
      if (r != null
          && r.ordinal()
          && r.value().intValue() >= 1
          && r.value().intValue() <= 31
          && (prev.equals("the") || Character.isDigit(w.charAt(0)))) {
        int j = i + r.length();
        if (at(t, j, "of") && j + 1 < t.size() && MONTHS.indexOf(t.get(j + 1)) >= 0)
          return monthDay(today, MONTHS.indexOf(t.get(j + 1)) + 1, r.value().intValue());
        return dayOfMonth(today, r.value().intValue());
      }
      if (r != null) i += r.length() - 1;
      if (w.equals("payday")
          || w.equals("paycheck")
          || w.equals("paid") && prev.equals("get")
          || w.equals("pay") && next.equals("day")) {
        paydayMentioned = true;
      }
    }
    return paydayMentioned ? payday.next(today) : null;
  }

  /**
   * The calendar date spoken from {@code from} on, when it starts there: a month with its day
   * ("january sixth"), "the" and an ordinal, or an ordinal ("fifth"); null otherwise.
   */
  private static LocalDate dateNamedAfter(
      List<String> t, int from, LocalDate today, Payday payday) {
    if (from >= t.size()) return null;
    String w = t.get(from);
    boolean starts =
        MONTHS.contains(w)
            || w.equals("the")
            || Optional.ofNullable(EnglishNumbers.read(t, from))
                .map(EnglishNumbers.Read::ordinal)
                .orElse(false);
    return starts ? date(t.subList(from, t.size()), today, payday) : null;
  }

  static BigDecimal amount(List<String> t) {
    for (int i = 0; i < t.size(); i++) {
      String w = t.get(i);
      if (!(EnglishNumbers.isNumberWord(w)
          || w.equals("a")
          || Character.isDigit(w.charAt(0))
          || w.startsWith("$"))) continue;
      EnglishNumbers.Read r = EnglishNumbers.read(t, i);
      if (r == null) continue;
      int j = i + r.length();
      String after = j < t.size() ? t.get(j) : "";
      String prev = i > 0 ? t.get(i - 1) : "";
      boolean currency = w.startsWith("$") || MONEY_AFTER.contains(after);
      boolean dateLike =
          r.ordinal()
              || prev.equals("the")
              || MONTHS.contains(prev)
              || prev.equals("at")
              || NOT_MONEY_AFTER.contains(after);
      if (currency || !dateLike && r.value().compareTo(BigDecimal.TEN) >= 0) return r.value();
      i = j - 1;
    }
    return null;
  }

  static Integer installments(List<String> t) {
    for (int i = 0; i < t.size(); i++) {
      String w = t.get(i);
      if (w.equals("half") && t.subList(i + 1, t.size()).contains("half")) return 2;
      if (w.equals("split") || w.equals("break")) {
        for (int j = i + 1; j < Math.min(t.size(), i + 4); j++) {
          if (t.get(j).equals("half") || t.get(j).equals("two") && !at(t, j + 1, "hundred"))
            return 2;
        }
      }
      if (!(EnglishNumbers.isNumberWord(w) || Character.isDigit(w.charAt(0)))) continue;
      EnglishNumbers.Read r = EnglishNumbers.read(t, i);
      if (r == null || r.ordinal()) continue;
      int j = i + r.length();
      int n = r.value().intValue();
      String prev = i > 0 ? t.get(i - 1) : "";
      if (j < t.size() && PLAN_UNITS.contains(t.get(j)) && n >= 2 && n <= 60) {
        boolean months = t.get(j).startsWith("month");
        // "in three months" is a date, "for/over three months" and "three month plan" are a plan.
        if (!(months && prev.equals("in") && !at(t, j + 1, "plan"))) return n;
      }
      if (j < t.size() && t.get(j).equals("monthly") && at(t, j + 1, "payments")) return n;
      i = j - 1;
    }
    return null;
  }

  static String yesNo(List<String> t) {
    int seen = 0;
    for (int i = 0; i < t.size() && seen < 3; i++) {
      String w = t.get(i);
      String next = i + 1 < t.size() ? t.get(i + 1) : "";
      if (FILLERS.contains(w)) continue;
      seen++;
      if (NO.contains(w)) {
        if (w.equals("no")
            && Set.of("one", "body", "longer", "more", "idea", "problem", "worries").contains(next))
          return null;
        return "no";
      }
      if (w.equals("not") && Set.of("really", "right", "correct", "me", "at", "now").contains(next))
        return "no";
      if (w.equals("definitely") && next.equals("not")
          || w.equals("of") && next.equals("course") && at(t, i + 2, "not")) return "no";
      if (w.equals("dont") && next.equals("think") && at(t, i + 2, "so")) return "no";
      if ((w.equals("uh") || w.equals("mm")) && (next.equals("huh") || next.equals("hmm")))
        return "yes";
      if (w.equals("of") && next.equals("course")) return "yes";
      if (YES.contains(w)) {
        if (w.equals("right") && (next.equals("now") || next.equals("away"))) return null;
        return "yes";
      }
      if (w.equals("agree") || w.equals("agreed"))
        return t.subList(0, i).contains("dont") || t.subList(0, i).contains("not") ? "no" : "yes";
    }
    return null;
  }

  private static boolean at(List<String> t, int i, String w) {
    return i >= 0 && i < t.size() && t.get(i).equals(w);
  }

  static LocalDate dayOfMonth(LocalDate today, int day) {
    YearMonth ym = YearMonth.from(today);
    if (day < today.getDayOfMonth()) ym = ym.plusMonths(1);
    return ym.atDay(Math.min(day, ym.lengthOfMonth()));
  }

  static LocalDate monthDay(LocalDate today, int month, int day) {
    YearMonth ym = YearMonth.of(today.getYear(), month);
    LocalDate d = ym.atDay(Math.min(day, ym.lengthOfMonth()));
    if (d.isBefore(today)) {
      ym = ym.plusYears(1);
      d = ym.atDay(Math.min(day, ym.lengthOfMonth()));
    }
    return d;
  }
}
