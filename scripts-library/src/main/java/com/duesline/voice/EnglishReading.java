package com.duesline.voice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * US English reading rules: 1800.50 → one thousand eight hundred dollars and fifty cents;
 * 2026-05-01 → may first twenty twenty six; digits one by one with "oh" for zero.
 */
public final class EnglishReading implements Reading {
  private static final String[] ONES = {
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen"
  };
  private static final String[] TENS = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };
  private static final String[] ORDINAL_ONES = {
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth"
  };
  private static final String[] ORDINAL_TENS = {"", "", "twentieth", "thirtieth"};
  private static final String[] SCALE = {"", "thousand", "million", "billion"};
  private static final long LIMIT = 1_000_000_000_000L;

  @Override
  public List<String> number(long n) {
    if (n < 0 || n >= LIMIT)
      throw new IllegalArgumentException(
          "cannot read " + n + " (readable: 0 to " + (LIMIT - 1) + ")");
    List<String> out = new ArrayList<>();
    if (n == 0) {
      out.add(ONES[0]);
      return out;
    }
    List<Integer> groups = new ArrayList<>();
    for (long v = n; v > 0; v /= 1000) groups.add((int) (v % 1000));
    for (int g = groups.size() - 1; g >= 0; g--) {
      int group = groups.get(g);
      if (group == 0) continue;
      below1000(group, out);
      if (!SCALE[g].isEmpty()) out.add(SCALE[g]);
    }
    return out;
  }

  private static void below1000(int n, List<String> out) {
    if (n >= 100) {
      out.add(ONES[n / 100]);
      out.add("hundred");
      n %= 100;
    }
    if (n >= 20) {
      out.add(TENS[n / 10]);
      if (n % 10 > 0) out.add(ONES[n % 10]);
    } else if (n > 0) {
      out.add(ONES[n]);
    }
  }

  @Override
  public List<String> money(BigDecimal amount) {
    if (amount.signum() < 0)
      throw new IllegalArgumentException(
          "cannot read a negative amount: " + amount.toPlainString());
    BigDecimal a = amount.setScale(2, RoundingMode.HALF_UP);
    long dollars = a.longValue();
    int cents = a.subtract(BigDecimal.valueOf(dollars)).movePointRight(2).intValueExact();
    List<String> out = new ArrayList<>();
    if (dollars > 0 || cents == 0) {
      out.addAll(number(dollars));
      out.add(dollars == 1 ? "dollar" : "dollars");
      if (cents > 0) out.add("and");
    }
    if (cents > 0) {
      out.addAll(number(cents));
      out.add(cents == 1 ? "cent" : "cents");
    }
    return out;
  }

  @Override
  public List<String> date(LocalDate date) {
    List<String> out = new ArrayList<>();
    out.add(date.getMonth().name().toLowerCase(Locale.ROOT));
    int d = date.getDayOfMonth();
    if (d < 20) out.add(ORDINAL_ONES[d]);
    else if (d % 10 == 0) out.add(ORDINAL_TENS[d / 10]);
    else {
      out.add(TENS[d / 10]);
      out.add(ORDINAL_ONES[d % 10]);
    }
    int y = date.getYear();
    // Years are said in two halves (twenty twenty six); 2000–2009 as a number (two thousand five).
    if (y % 100 == 0 || (y >= 2000 && y < 2010)) out.addAll(number(y));
    else {
      out.addAll(number(y / 100));
      if (y % 100 < 10) out.add("oh");
      out.addAll(number(y % 100));
    }
    return out;
  }

  @Override
  public List<String> digits(String text) {
    List<String> out = new ArrayList<>();
    text.chars()
        .filter(c -> c >= '0' && c <= '9')
        .forEach(c -> out.add(c == '0' ? "oh" : ONES[c - '0']));
    return out;
  }

  @Override
  public List<String> weekday(DayOfWeek day) {
    return List.of(day.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public Set<String> words() {
    Set<String> w = new LinkedHashSet<>(List.of(ONES));
    for (String t : TENS) if (!t.isEmpty()) w.add(t);
    for (String o : ORDINAL_ONES) if (!o.isEmpty()) w.add(o);
    for (String o : ORDINAL_TENS) if (!o.isEmpty()) w.add(o);
    for (String s : SCALE) if (!s.isEmpty()) w.add(s);
    w.addAll(List.of("hundred", "dollar", "dollars", "cent", "cents", "and", "oh"));
    for (var m : java.time.Month.values()) w.add(m.name().toLowerCase(Locale.ROOT));
    for (DayOfWeek d : DayOfWeek.values()) w.add(d.name().toLowerCase(Locale.ROOT));
    return w;
  }
}
