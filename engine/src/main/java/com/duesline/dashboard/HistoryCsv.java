package com.duesline.dashboard;

import java.util.List;

/**
 * Writes an account's history as RFC 4180 CSV: a header, one row per event, CRLF line ends, and a
 * field quoted (quotes doubled) when it holds a comma, a quote or a line break.
 */
public final class HistoryCsv {
  /** The header row. */
  public static final List<String> COLUMNS = List.of("unit", "at", "event", "attempt", "speaker", "text", "amount", "status", "detail");

  private HistoryCsv() {}

  /** The whole file for {@code unit}. */
  public static String write(String unit, List<HistoryEvent> events) {
    StringBuilder out = new StringBuilder();
    row(out, COLUMNS);
    for (HistoryEvent e : events) {
      row(out, List.of(unit, e.at() == null ? "" : e.at().toString(), e.event(), e.attemptId() == null ? "" : e.attemptId().toString(),
          nz(e.speaker()), nz(e.text()), e.amount() == null ? "" : e.amount().toPlainString(), nz(e.status()), nz(e.detail())));
    }
    return out.toString();
  }

  /** One field as RFC 4180 wants it. */
  public static String field(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) return value;
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  private static void row(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) out.append(',');
      out.append(field(fields.get(i)));
    }
    out.append("\r\n");
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
