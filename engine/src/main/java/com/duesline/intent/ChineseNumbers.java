package com.duesline.intent;

import java.math.BigDecimal;

/**
 * Reads Chinese numbers as said on the phone: digits ("2500", "2,500"), characters ("两千五百", "十五"),
 * and the spoken shorthand that drops the last unit ("两千五" = 2500, "一万二" = 12000, "三百五" = 350).
 */
final class ChineseNumbers {
  private ChineseNumbers() {}

  /** A number read at {@code start}: its value and how many characters it used. */
  record Read(BigDecimal value, int length) {}

  static boolean startsNumber(char c) {
    return digit(c) >= 0 || c == '十' || Character.isDigit(c) && c < 128;
  }

  /** Reads a number starting at {@code start}, or null. */
  static Read read(String s, int start) {
    if (start >= s.length()) return null;
    char c0 = s.charAt(start);
    if (c0 >= '0' && c0 <= '9') {
      int i = start;
      StringBuilder digits = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
          digits.append(c);
        } else if (c == ',' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
          // a thousands separator: skipped
        } else if (c == '.'
            && i + 1 < s.length()
            && Character.isDigit(s.charAt(i + 1))
            && digits.indexOf(".") < 0) {
          digits.append('.');
        } else {
          break;
        }
        i++;
      }
      BigDecimal v = new BigDecimal(digits.toString());
      // "2万", "3千": digits followed by a unit character.
      if (i < s.length()) {
        int unit = unit(s.charAt(i));
        if (unit >= 100) {
          v = v.multiply(BigDecimal.valueOf(unit));
          i++;
        }
      }
      return new Read(v, i - start);
    }
    long total = 0; // completed 万 groups
    long section = 0; // below 万
    long number = -1; // digit waiting for its unit
    int lastUnit = 0;
    int i = start;
    while (i < s.length()) {
      char c = s.charAt(i);
      int d = digit(c);
      int u = unit(c);
      if (d >= 0) {
        if (number >= 0 && d != 0) break; // two digits in a row: not a number we read
        if (d == 0) {
          number = -1;
          lastUnit = -1; // 零 means the next digit stands alone ("一千零五十")
          i++;
          continue;
        }
        number = d;
      } else if (u == 10 || u == 100 || u == 1000) {
        if (number < 0 && u != 10) break; // "百" with no digit before it is not a number
        section += (number < 0 ? 1 : number) * u;
        number = -1;
        lastUnit = u;
      } else if (u == 10000) {
        if (number < 0 && section == 0) break;
        section += Math.max(number, 0);
        total += section * 10000;
        section = 0;
        number = -1;
        lastUnit = 10000;
      } else {
        break;
      }
      i++;
    }
    if (i == start) return null;
    if (number > 0) {
      // Spoken shorthand: a trailing digit after 千/百/万 takes the next lower unit.
      if (lastUnit >= 100) {
        section += number * (lastUnit / 10);
      } else {
        section += number;
      }
    }
    return new Read(BigDecimal.valueOf(total + section), i - start);
  }

  private static int digit(char c) {
    return switch (c) {
      case '零', '〇' -> 0;
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> -1;
    };
  }

  private static int unit(char c) {
    return switch (c) {
      case '十' -> 10;
      case '百' -> 100;
      case '千' -> 1000;
      case '万' -> 10000;
      default -> -1;
    };
  }
}
