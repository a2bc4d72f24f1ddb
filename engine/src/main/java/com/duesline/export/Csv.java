package com.duesline.export;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one CSV writer: RFC 4180 fields, and cells made safe for spreadsheets. Every CSV the engine
 * writes for people to open (history, accounts, reports) goes through {@link #cell}; only the
 * ledger interchange file, which the engine reads back and whose phones start with {@code +}, uses
 * the plain {@link #field}.
 */
public final class Csv {
  /**
   * A plain number cannot be a formula, so {@code -12.50} and {@code +12125550142} stay numbers.
   */
  private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

  private Csv() {}

  /**
   * One field as RFC 4180 wants it: quoted (quotes doubled) only when it holds a comma, a quote or
   * a line break; null is empty.
   */
  public static String field(String value) {
    if (value == null) return "";
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) return value;
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /**
   * A field a spreadsheet will not evaluate: a value starting with {@code = + - @} (or a tab or
   * carriage return, which some spreadsheets skip before a formula) gets a leading apostrophe, as
   * OWASP's CSV-injection advice says, unless it is a plain number. {@code =HYPERLINK("http://x")}
   * becomes the text {@code '=HYPERLINK("http://x")}.
   */
  public static String cell(String value) {
    return field(defuse(value));
  }

  /** {@link #cell} without the quoting. */
  public static String defuse(String value) {
    if (value == null || value.isEmpty()) return value;
    char c = value.charAt(0);
    boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    return risky && !NUMBER.matcher(value).matches() ? "'" + value : value;
  }

  /** A row of defused cells joined by commas, without a line ending. */
  public static String row(List<String> values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(cell(values.get(i)));
    }
    return sb.toString();
  }
}
