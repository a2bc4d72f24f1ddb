package com.duesline.dashboard;

import com.duesline.export.Csv;
import java.util.List;

/**
 * Writes an account's history as RFC 4180 CSV: a header, one row per event, CRLF line ends, and a
 * field quoted (quotes doubled) when it holds a comma, a quote or a line break, and defused against
 * spreadsheet formulas by {@link Csv#cell}.
 */
public final class HistoryCsv {
  /** The header row. */
  public static final List<String> COLUMNS =
      List.of("unit", "at", "event", "attempt", "speaker", "text", "amount", "status", "detail");

  private HistoryCsv() {}

  /** The whole file for {@code unit}. */
  public static String write(String unit, List<HistoryEvent> events) {
    StringBuilder out = new StringBuilder();
    row(out, COLUMNS);
    for (HistoryEvent e : events) {
      row(
          out,
          List.of(
              unit,
              e.at() == null ? "" : e.at().toString(),
              e.event(),
              e.attemptId() == null ? "" : e.attemptId().toString(),
              nz(e.speaker()),
              nz(e.text()),
              e.amount() == null ? "" : e.amount().toPlainString(),
              nz(e.status()),
              nz(e.detail())));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, List<String> fields) {
    out.append(Csv.row(fields)).append("\r\n");
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
