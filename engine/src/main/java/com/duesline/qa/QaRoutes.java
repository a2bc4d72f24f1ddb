package com.duesline.qa;

import com.duesline.app.Engine;
import com.duesline.cli.InputRejectedException;
import com.duesline.web.Problems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/qa/report?since=YYYY-MM-DD&limit=N}: the QA report (supervisors only, by the
 * access rules' deny-by-default). JDBC on the worker pool; a bad date answers 400.
 */
public final class QaRoutes {
  private QaRoutes() {}

  public static void mount(Engine engine) {
    QaStore store = new QaStore(engine.database());
    engine
        .router()
        .get("/api/qa/report")
        .handler(
            ctx ->
                engine
                    .blocking(
                        () -> {
                          String s = ctx.queryParams().get("since");
                          String l = ctx.queryParams().get("limit");
                          int limit;
                          try {
                            limit = l == null ? 50 : Integer.parseInt(l);
                          } catch (NumberFormatException e) {
                            limit = -1;
                          }
                          if (limit < 1 || limit > 1000)
                            throw new InputRejectedException(
                                "limit: expected a whole number from 1 to 1000, got '" + l + "'");
                          return store.report(since(s), limit);
                        })
                    .onSuccess(
                        j ->
                            ctx.response()
                                .putHeader("content-type", "application/json")
                                .putHeader("cache-control", "no-store")
                                .end(j.encode()))
                    .onFailure(err -> Problems.fail(ctx, err)));
  }

  /** A date (start of that day, UTC) or, when absent, seven days ago. */
  static Instant since(String date) {
    if (date == null || date.isBlank()) return Instant.now().minusSeconds(7 * 86400L);
    try {
      return LocalDate.parse(date.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new InputRejectedException("since: expected YYYY-MM-DD, got '" + date + "'");
    }
  }
}
