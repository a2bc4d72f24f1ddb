package com.duesline.intent;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dates, amounts, instalment counts and yes/no in Chinese transcripts (spaces between words are
 * ignored).
 */
final class ChineseEntities {
  private static final String WEEK_PREFIXES = "周|星期|礼拜";
  private static final List<String> NOT_MONEY_AFTER =
      List.of(
          "个月", "期", "次", "号", "日", "天", "年", "点", "分", "月", "周", "个", "岁", "平", "楼", "栋", "室", "遍",
          "倍", "%");
  private static final List<String> YES =
      List.of("是的", "是我", "对的", "对", "好的", "好", "行", "可以", "没问题", "没错", "同意", "嗯嗯", "是");
  private static final List<String> NO =
      List.of("不是", "不对", "不行", "不用", "不要", "没有", "不同意", "不可以", "不");
  private static final String FILLERS = "嗯啊呃哦噢哎诶喂 ";

  private ChineseEntities() {}

  static Map<String, String> extract(String text, LocalDate today, Payday payday) {
    String s = text.replaceAll("\\s+", "");
    Map<String, String> out = new LinkedHashMap<>();
    LocalDate date = date(s, today, payday);
    if (date != null) out.put("date", date.toString());
    BigDecimal amount = amount(s);
    if (amount != null) out.put("amount", EntityExtractor.money(amount));
    Integer plan = installments(s);
    if (plan != null) out.put("installments", plan.toString());
    String yn = yesNo(s);
    if (yn != null) out.put("yes_no", yn);
    return out;
  }

  static LocalDate date(String s, LocalDate today, Payday payday) {
    for (int i = 0; i < s.length(); i++) {
      String rest = s.substring(i);
      if (rest.startsWith("大后天")) return today.plusDays(3);
      if (rest.startsWith("大前天")) return today.minusDays(3);
      if (rest.startsWith("前天")) return today.minusDays(2);
      if (rest.startsWith("昨天") || rest.startsWith("昨晚")) return today.minusDays(1);
      if (rest.startsWith("后天")) return today.plusDays(2);
      if (rest.startsWith("明天")
          || rest.startsWith("明儿")
          || rest.startsWith("明早")
          || rest.startsWith("明晚")) return today.plusDays(1);
      if (rest.startsWith("今天")
          || rest.startsWith("今晚")
          || rest.startsWith("今儿")
          || rest.startsWith("今早")
          || rest.startsWith("马上")) return today;
      if (rest.startsWith("年底")) return LocalDate.of(today.getYear(), 12, 31);
      if (rest.startsWith("下个月底") || rest.startsWith("下月底"))
        return YearMonth.from(today).plusMonths(1).atEndOfMonth();
      if (rest.startsWith("下个月初") || rest.startsWith("下月初") || rest.startsWith("月初"))
        return YearMonth.from(today).plusMonths(1).atDay(1);
      if (rest.startsWith("月底")) return YearMonth.from(today).atEndOfMonth();
      if (rest.startsWith("过两天") || rest.startsWith("过几天"))
        return today.plusDays(rest.startsWith("过两天") ? 2 : 3);
      int weeksAhead =
          rest.startsWith("下下")
              ? 2
              : rest.startsWith("下")
                  ? 1
                  : rest.startsWith("这") || rest.startsWith("本")
                      ? 0
                      : rest.startsWith("上") ? -2 : -1;
      String afterPrefix =
          weeksAhead == 2
              ? rest.substring(2)
              : weeksAhead >= 0 || weeksAhead == -2 ? rest.substring(1) : rest;
      var week = afterPrefix.replaceFirst("^(个)?(" + WEEK_PREFIXES + ")", "\u0001");
      if (week.startsWith("\u0001")) {
        DayOfWeek dow = week.length() > 1 ? weekday(week.charAt(1)) : null;
        if (dow != null) {
          if (weeksAhead >= 1)
            return today
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .plusWeeks(weeksAhead - 1)
                .with(TemporalAdjusters.nextOrSame(dow));
          if (weeksAhead == -2)
            return today
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(1)
                .with(TemporalAdjusters.nextOrSame(dow));
          if (weeksAhead == 0) {
            LocalDate d =
                today
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .with(TemporalAdjusters.nextOrSame(dow));
            return d.isBefore(today) ? today.with(TemporalAdjusters.next(dow)) : d;
          }
          return today.with(TemporalAdjusters.next(dow));
        }
        if (weeksAhead >= 1)
          return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(weeksAhead - 1);
      }
      boolean nextMonth = rest.startsWith("下个月") || rest.startsWith("下月");
      if (nextMonth) {
        int j = i + (rest.startsWith("下个月") ? 3 : 2);
        ChineseNumbers.Read day =
            j < s.length() && ChineseNumbers.startsNumber(s.charAt(j))
                ? ChineseNumbers.read(s, j)
                : null;
        YearMonth ym = YearMonth.from(today).plusMonths(1);
        if (day != null && dayMarker(s, j + day.length()) && validDay(day))
          return ym.atDay(Math.min(day.value().intValue(), ym.lengthOfMonth()));
        return ym.atDay(1);
      }
      if (ChineseNumbers.startsNumber(s.charAt(i))
          && (i == 0 || !ChineseNumbers.startsNumber(s.charAt(i - 1)))) {
        ChineseNumbers.Read n = ChineseNumbers.read(s, i);
        if (n == null) continue;
        int j = i + n.length();
        if (j < s.length()
            && s.charAt(j) == '月'
            && j + 1 < s.length()
            && ChineseNumbers.startsNumber(s.charAt(j + 1))) {
          ChineseNumbers.Read day = ChineseNumbers.read(s, j + 1);
          int month = n.value().intValue();
          if (day != null
              && month >= 1
              && month <= 12
              && validDay(day)
              && dayMarker(s, j + 1 + day.length())) {
            return EnglishEntities.monthDay(today, month, day.value().intValue());
          }
        }
        if (dayMarker(s, j) && validDay(n))
          return EnglishEntities.dayOfMonth(today, n.value().intValue());
        if (rest.length() > n.length()
            && s.startsWith("天", j)
            && (s.startsWith("后", j + 1)
                || s.startsWith("以后", j + 1)
                || s.startsWith("之后", j + 1))) {
          return today.plusDays(n.value().longValue());
        }
        if (i > 0 && s.charAt(i - 1) == '过' && s.startsWith("天", j))
          return today.plusDays(n.value().longValue());
        i = j - 1;
      }
    }
    if (s.contains("发工资")
        || s.contains("发了工资")
        || s.contains("发薪")
        || s.contains("工资到账")
        || s.contains("拿到工资")) return payday.next(today);
    return null;
  }

  static BigDecimal amount(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!ChineseNumbers.startsNumber(s.charAt(i))
          || i > 0 && ChineseNumbers.startsNumber(s.charAt(i - 1))) continue;
      ChineseNumbers.Read n = ChineseNumbers.read(s, i);
      if (n == null) continue;
      int j = i + n.length();
      String after = s.substring(j);
      String prev = i > 0 ? s.substring(i - 1, i) : "";
      if (after.startsWith("块") || after.startsWith("元") || after.startsWith("圆")) {
        BigDecimal v = n.value();
        // "五块五": the digit after 块 is tenths (角).
        if (j + 1 < s.length()
            && ChineseNumbers.startsNumber(s.charAt(j + 1))
            && s.charAt(j + 1) != '十') {
          ChineseNumbers.Read jiao = ChineseNumbers.read(s, j + 1);
          if (jiao != null && jiao.length() == 1 && jiao.value().intValue() < 10)
            v = v.add(jiao.value().movePointLeft(1));
        }
        return v;
      }
      boolean dateLike =
          NOT_MONEY_AFTER.stream().anyMatch(after::startsWith)
              || prev.equals("第")
              || prev.equals("分");
      String digits = s.substring(i, j);
      boolean hasScale = digits.contains("百") || digits.contains("千") || digits.contains("万");
      if (!dateLike
          && (hasScale
              || n.value().compareTo(BigDecimal.TEN) >= 0 && Character.isDigit(digits.charAt(0))))
        return n.value();
      i = j - 1;
    }
    return null;
  }

  static Integer installments(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!ChineseNumbers.startsNumber(s.charAt(i))
          || i > 0 && ChineseNumbers.startsNumber(s.charAt(i - 1))) continue;
      ChineseNumbers.Read n = ChineseNumbers.read(s, i);
      if (n == null) continue;
      int j = i + n.length();
      int v = n.value().intValue();
      boolean split = i > 0 && (s.charAt(i - 1) == '分');
      if (v >= 2 && v <= 60) {
        if (s.startsWith("期", j)) return v;
        if (split
            && (s.startsWith("次", j)
                || s.startsWith("个月", j)
                || s.startsWith("月", j)
                || s.startsWith("批", j)
                || s.startsWith("年", j) && v <= 5)) return v;
      }
      i = j - 1;
    }
    return null;
  }

  static String yesNo(String s) {
    int i = 0;
    while (i < s.length() && FILLERS.indexOf(s.charAt(i)) >= 0) i++;
    String rest = s.substring(i);
    if (rest.isEmpty()
        || rest.endsWith("吗")
        || rest.endsWith("么")
        || rest.endsWith("?")
        || rest.endsWith("？")) return null;
    if (rest.startsWith("不好意思") || rest.startsWith("不知道")) return null;
    for (String n : NO) if (rest.startsWith(n)) return "no";
    for (String y : YES) if (rest.startsWith(y)) return "yes";
    return null;
  }

  private static boolean dayMarker(String s, int j) {
    return j < s.length() && (s.charAt(j) == '号' || s.charAt(j) == '日');
  }

  private static boolean validDay(ChineseNumbers.Read n) {
    return n.value().scale() <= 0 && n.value().intValue() >= 1 && n.value().intValue() <= 31;
  }

  private static DayOfWeek weekday(char c) {
    return switch (c) {
      case '一' -> DayOfWeek.MONDAY;
      case '二' -> DayOfWeek.TUESDAY;
      case '三' -> DayOfWeek.WEDNESDAY;
      case '四' -> DayOfWeek.THURSDAY;
      case '五' -> DayOfWeek.FRIDAY;
      case '六' -> DayOfWeek.SATURDAY;
      case '日', '天', '末' -> DayOfWeek.SUNDAY;
      default -> null;
    };
  }
}
