package com.duesline.dashboard;

import com.duesline.export.Csv;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The desk's reports as CSV through the one CSV writer ({@link Csv}: RFC 4180, CRLF, cells defused
 * for spreadsheets).
 */
public final class ReportCsv {
  private ReportCsv() {}

  /** A header of {@code columns} and one row per object (missing values empty). */
  public static String of(List<String> columns, List<JsonObject> rows) {
    StringBuilder out = new StringBuilder();
    out.append(Csv.row(columns)).append("\r\n");
    for (JsonObject r : rows) {
      out.append(
              Csv.row(
                  columns.stream()
                      .map(c -> r.getValue(c) == null ? "" : String.valueOf(r.getValue(c)))
                      .toList()))
          .append("\r\n");
    }
    return out.toString();
  }
}
