package com.duesline.voice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Mandarin reading rules: numbers in 亿/万 groups of four with 千/百/十 and one 零 for each run of zeros
 * inside (101 一百零一, 1010 一千零一十, 10005 一万零五), a leading 一十 said 十 (12 十二, 100000 十万); money in 元/角/分
 * (1800.50 一千八百元五角, 1800.05 一千八百元零五分); years digit by digit (二零二六年五月一日); weekdays 星期一…星期日. Two is 二
 * throughout (not 两), as telephone prompts say it.
 */
public final class ChineseReading implements Reading {
  private static final String[] DIGIT = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  private static final String[] SMALL_UNIT = {"", "十", "百", "千"};
  private static final String[] GROUP_UNIT = {"", "万", "亿"};

  /** Beyond 9999亿 a collection call has no business reading the number. */
  private static final long LIMIT = 1_000_000_000_000L;

  @Override
  public List<String> number(long n) {
    if (n < 0 || n >= LIMIT)
      throw new IllegalArgumentException(
          "cannot read " + n + " (readable: 0 to " + (LIMIT - 1) + ")");
    List<String> out = new ArrayList<>();
    if (n == 0) {
      out.add(DIGIT[0]);
      return out;
    }
    List<Integer> groups = new ArrayList<>();
    for (long v = n; v > 0; v /= 10_000) groups.add((int) (v % 10_000));
    boolean zeroPending = false;
    for (int g = groups.size() - 1; g >= 0; g--) {
      int group = groups.get(g);
      if (group == 0) {
        zeroPending = !out.isEmpty();
        continue;
      }
      // A group under 1000 after a higher one starts with 零 (10005 一万零五), as does one after an
      // empty group.
      if (!out.isEmpty() && (zeroPending || group < 1000)) out.add(DIGIT[0]);
      zeroPending = false;
      readGroup(group, out);
      if (!GROUP_UNIT[g].isEmpty()) out.add(GROUP_UNIT[g]);
    }
    // 一十 at the very start is said 十: 十二, 十万, 十一万 (inside a number it stays: 一百一十).
    if (out.size() >= 2 && out.get(0).equals("一") && out.get(1).equals("十")) out.remove(0);
    return out;
  }

  /** One group of up to four digits, zeros inside collapsed to one 零, trailing zeros silent. */
  private static void readGroup(int group, List<String> out) {
    boolean zero = false;
    boolean started = false;
    for (int pos = 3; pos >= 0; pos--) {
      int d = (group / (int) Math.pow(10, pos)) % 10;
      if (d == 0) {
        zero = started;
        continue;
      }
      if (zero) out.add(DIGIT[0]);
      zero = false;
      started = true;
      out.add(DIGIT[d]);
      if (!SMALL_UNIT[pos].isEmpty()) out.add(SMALL_UNIT[pos]);
    }
  }

  @Override
  public List<String> money(BigDecimal amount) {
    if (amount.signum() < 0)
      throw new IllegalArgumentException(
          "cannot read a negative amount: " + amount.toPlainString());
    BigDecimal a = amount.setScale(2, RoundingMode.HALF_UP);
    long yuan = a.longValue();
    int cents = a.subtract(BigDecimal.valueOf(yuan)).movePointRight(2).intValueExact();
    int jiao = cents / 10;
    int fen = cents % 10;
    List<String> out = new ArrayList<>();
    if (yuan > 0 || cents == 0) {
      out.addAll(number(yuan));
      out.add("元");
    }
    if (jiao > 0) {
      out.add(DIGIT[jiao]);
      out.add("角");
    } else if (fen > 0 && yuan > 0) {
      out.add(DIGIT[0]); // 一千八百元零五分: the missing 角 is said as 零
    }
    if (fen > 0) {
      out.add(DIGIT[fen]);
      out.add("分");
    }
    return out;
  }

  @Override
  public List<String> date(LocalDate date) {
    List<String> out = new ArrayList<>(digits(String.valueOf(date.getYear())));
    out.add("年");
    out.addAll(number(date.getMonthValue()));
    out.add("月");
    out.addAll(number(date.getDayOfMonth()));
    out.add("日");
    return out;
  }

  @Override
  public List<String> digits(String text) {
    List<String> out = new ArrayList<>();
    text.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> out.add(DIGIT[c - '0']));
    return out;
  }

  @Override
  public List<String> weekday(DayOfWeek day) {
    List<String> out = new ArrayList<>();
    out.add("星期");
    out.add(day == DayOfWeek.SUNDAY ? "日" : DIGIT[day.getValue()]);
    return out;
  }

  @Override
  public Set<String> words() {
    Set<String> w = new LinkedHashSet<>(List.of(DIGIT));
    w.addAll(List.of("十", "百", "千", "万", "亿", "元", "角", "分", "年", "月", "日", "星期"));
    return w;
  }
}
