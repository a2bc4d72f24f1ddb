package com.duesline.intent;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Reads English numbers said or written in a transcript: "2,500", "two hundred and fifty", "two
 * fifty", "fifteenth".
 */
public final class EnglishNumbers {
  private static final Map<String, Integer> UNITS =
      Map.ofEntries(
          Map.entry("zero", 0),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("thirteen", 13),
          Map.entry("fourteen", 14),
          Map.entry("fifteen", 15),
          Map.entry("sixteen", 16),
          Map.entry("seventeen", 17),
          Map.entry("eighteen", 18),
          Map.entry("nineteen", 19));
  private static final Map<String, Integer> TENS =
      Map.of(
          "twenty", 20, "thirty", 30, "forty", 40, "fifty", 50, "sixty", 60, "seventy", 70,
          "eighty", 80, "ninety", 90);
  private static final Map<String, Integer> ORDINALS =
      Map.ofEntries(
          Map.entry("first", 1),
          Map.entry("second", 2),
          Map.entry("third", 3),
          Map.entry("fourth", 4),
          Map.entry("fifth", 5),
          Map.entry("sixth", 6),
          Map.entry("seventh", 7),
          Map.entry("eighth", 8),
          Map.entry("ninth", 9),
          Map.entry("tenth", 10),
          Map.entry("eleventh", 11),
          Map.entry("twelfth", 12),
          Map.entry("thirteenth", 13),
          Map.entry("fourteenth", 14),
          Map.entry("fifteenth", 15),
          Map.entry("sixteenth", 16),
          Map.entry("seventeenth", 17),
          Map.entry("eighteenth", 18),
          Map.entry("nineteenth", 19),
          Map.entry("twentieth", 20),
          Map.entry("thirtieth", 30));

  private EnglishNumbers() {}

  /**
   * A number read from tokens starting at {@code start}: its value, how many tokens it used, and
   * whether it was an ordinal.
   */
  record Read(BigDecimal value, int length, boolean ordinal) {}

  /** Reads a cardinal or ordinal at {@code start}, or null. */
  static Read read(List<String> tokens, int start) {
    String first = tokens.get(start);
    if (first.matches("\\$?\\d{1,3}(,\\d{3})+(\\.\\d+)?|\\$?\\d+(\\.\\d+)?")) {
      String digits = first.replace("$", "").replace(",", "");
      return new Read(new BigDecimal(digits), 1, false);
    }
    if (first.matches("\\d+(st|nd|rd|th)")) {
      return new Read(new BigDecimal(first.replaceAll("\\D", "")), 1, true);
    }
    long total = 0;
    long current = 0;
    Kind last = Kind.NONE;
    boolean ordinal = false;
    int i = start;
    while (i < tokens.size()) {
      String t = tokens.get(i);
      boolean scaleBefore = last == Kind.NONE || last == Kind.HUNDRED || last == Kind.THOUSAND;
      Integer ord = ordinalOf(t);
      if (t.equals("and")
          && (last == Kind.HUNDRED || last == Kind.THOUSAND)
          && i + 1 < tokens.size()
          && isNumberWord(tokens.get(i + 1))) {
        i++;
        continue;
      } else if (ord != null) {
        if (!(scaleBefore || last == Kind.TENS && ord < 10)) break;
        current += ord;
        ordinal = true;
        last = Kind.UNIT;
        i++;
        break;
      } else if (t.equals("a")) {
        if (last != Kind.NONE
            || i + 1 >= tokens.size()
            || !(tokens.get(i + 1).equals("hundred") || tokens.get(i + 1).equals("thousand")))
          break;
        current = 1;
        last = Kind.UNIT;
      } else if (UNITS.containsKey(t)) {
        int u = UNITS.get(t);
        if (scaleBefore || last == Kind.TENS && u < 10) {
          current += u;
        } else if (last == Kind.UNIT && total == 0 && current >= 1 && current <= 9 && u >= 10) {
          current = current * 100 + u; // "two fifteen" said for 215
        } else {
          break;
        }
        last = Kind.UNIT;
      } else if (TENS.containsKey(t)) {
        if (scaleBefore) {
          current += TENS.get(t);
        } else if (last == Kind.UNIT && total == 0 && current >= 1 && current <= 9) {
          current = current * 100 + TENS.get(t); // "two fifty" said for 250
        } else {
          break;
        }
        last = Kind.TENS;
      } else if (t.equals("hundred")) {
        if (last != Kind.UNIT && last != Kind.TENS || current % 100 == 0 && current >= 100) break;
        current = current * 100;
        last = Kind.HUNDRED;
      } else if (t.equals("thousand")) {
        if (last == Kind.NONE || last == Kind.THOUSAND) break;
        total += current * 1000;
        current = 0;
        last = Kind.THOUSAND;
      } else {
        break;
      }
      i++;
    }
    if (last == Kind.NONE) return null;
    return new Read(BigDecimal.valueOf(total + current), i - start, ordinal);
  }

  private enum Kind {
    NONE,
    UNIT,
    TENS,
    HUNDRED,
    THOUSAND
  }

  /**
   * The digits a number read out in words stands for, as a unit number is checked against them:
   * "one two oh three", "twelve oh three" → 1203, "four twenty" → 420, "thirty four" → 34; "oh" is
   * a zero only beside another number word. Other words are skipped.
   */
  public static String readOutDigits(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      Integer unit = UNITS.get(w);
      Integer tens = TENS.get(w);
      if (unit != null) {
        sb.append(unit);
      } else if (tens != null) {
        // "thirty four" is 34; "four twenty" and "thirty" alone end in a 0.
        Integer next = i + 1 < words.size() ? UNITS.get(words.get(i + 1)) : null;
        if (next != null && next >= 1 && next <= 9) {
          sb.append(tens + next);
          i++;
        } else {
          sb.append(tens);
        }
      } else if (w.equals("oh") && (isDigitWord(words, i - 1) || isDigitWord(words, i + 1))) {
        // A zero only beside other digits: alone it is "oh, ..." (a filler).
        sb.append('0');
      }
    }
    return sb.toString();
  }

  private static boolean isDigitWord(List<String> words, int i) {
    if (i < 0 || i >= words.size()) return false;
    String w = words.get(i);
    return UNITS.containsKey(w) || TENS.containsKey(w);
  }

  static boolean isNumberWord(String t) {
    return UNITS.containsKey(t)
        || TENS.containsKey(t)
        || t.equals("hundred")
        || t.equals("thousand")
        || ordinalOf(t) != null;
  }

  static Integer ordinalOf(String t) {
    Integer o = ORDINALS.get(t);
    if (o != null) return o;
    for (var e : TENS.entrySet()) {
      if (t.startsWith(e.getKey()) && t.length() > e.getKey().length()) {
        String rest = t.substring(e.getKey().length()).replace("-", "");
        Integer r = ORDINALS.get(rest);
        if (r != null && r < 10) return e.getValue() + r;
      }
    }
    return null;
  }
}
