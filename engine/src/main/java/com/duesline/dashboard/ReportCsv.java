package com.duesline.dashboard;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The desk's reports as CSV (RFC 4180 quoting, CRLF), safe to open in a spreadsheet: a cell that
 * starts with {@code = + - @} (or a tab or carriage return) and is not a plain number gets a leading
 * apostrophe, so it is shown as text and never evaluated as a formula (OWASP CSV injection).
 */
public final class ReportCsv {
  private ReportCsv() {}

  /** A header of {@code columns} and one row per object (missing values empty). */
  public static String of(List<String> columns, List<JsonObject> rows) {
    StringBuilder out = new StringBuilder();
    row(out, columns);
    for (JsonObject r : rows) {
      row(out, columns.stream().map(c -> r.getValue(c) == null ? "" : String.valueOf(r.getValue(c))).toList());
    }
    return out.toString();
  }

  /** One cell defused against formula evaluation. */
  public static String defuse(String value) {
    if (value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0) return value;
    if (value.matches("[+-]?\\d+(\\.\\d+)?")) return value;
    return "'" + value;
  }

  private static void row(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) out.append(',');
      out.append(HistoryCsv.field(defuse(fields.get(i))));
    }
    out.append("\r\n");
  }
}
