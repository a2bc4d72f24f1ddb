package com.duesline.dashboard;

import com.duesline.app.Engine;
import com.duesline.campaign.DialerLimits;
import com.duesline.cli.InputRejectedException;
import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.web.Problems;
import com.duesline.web.StaticAssets;
import com.duesline.web.Viewer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * The supervisor dashboard's campaign, today, aging and account-history views. Every handler's JDBC
 * work runs on the engine's worker pool; refused input answers 400 {@code {"problems": [...]}}, an
 * unknown unit 404.
 *
 * <pre>
 * GET /api/dashboard/campaigns                          campaign figures and pacing
 * GET /api/dashboard/today?date=YYYY-MM-DD&amp;zone=IANA     one day at a glance (default: today in dashboard.zone)
 * GET /api/dashboard/aging?date=&amp;bucket=31-60&amp;limit=N   the aging report and the accounts behind it
 * GET /api/accounts/:unit/history                       the account's history as evidence (JSON)
 * GET /api/accounts/:unit/history.csv                   the same, one row per event (RFC 4180)
 * GET /accounts/:unit                                   the printable history page
 * GET /api/dashboard/desk/roll-rates|cure|heatmap|costs  the desk's numbers (?date=&amp;months=&amp;days=&amp;campaign=&amp;format=csv)
 * </pre>
 */
public final class DashboardRoutes {
  private DashboardRoutes() {}

  /** Mounts the routes with the system clock. */
  public static void mount(Engine engine) {
    mount(engine, Clock.systemUTC());
  }

  /** Mounts the routes; {@code clock} says what "now" and "today" are. */
  public static void mount(Engine engine, Clock clock) {
    DueslineConfig config = engine.config();
    ZoneId zone = zone(config.get("dashboard.zone"), "dashboard.zone");
    int abDays = config.getInt("dashboard.ab-window-days");
    int listLimit = config.getInt("dashboard.aging-list-limit");
    if (abDays < 1)
      throw new ConfigException("dashboard.ab-window-days must be at least 1, got " + abDays);
    if (listLimit < 1)
      throw new ConfigException("dashboard.aging-list-limit must be at least 1, got " + listLimit);
    CollectionTargets targets =
        CollectionTargets.load(config.optional("dashboard.targets").map(Path::of).orElse(null));
    ArrearsQuery arrears = ArrearsQuery.fromConfig(engine.database(), config).cached();
    CampaignBoard campaigns =
        new CampaignBoard(engine.database(), DialerLimits.from(config), clock);
    TodayBoard today = new TodayBoard(engine.database(), arrears, targets);
    AgingBoard aging = new AgingBoard(engine.database(), arrears);
    AccountHistory history = new AccountHistory(engine.database(), arrears);
    var router = engine.router();

    router.get("/api/dashboard/campaigns").handler(ctx -> json(engine, ctx, campaigns::summary));

    router
        .get("/api/dashboard/today")
        .handler(
            ctx ->
                json(
                    engine,
                    ctx,
                    () -> {
                      ZoneId z =
                          ctx.queryParams().get("zone") == null
                              ? zone
                              : zone(ctx.queryParams().get("zone"), "zone");
                      LocalDate date = date(ctx, LocalDate.now(clock.withZone(z)));
                      return today.day(date, z, abDays);
                    }));

    router
        .get("/api/dashboard/aging")
        .handler(
            ctx ->
                json(
                    engine,
                    ctx,
                    () -> {
                      LocalDate date = date(ctx, LocalDate.now(clock.withZone(zone)));
                      String b = ctx.queryParams().get("bucket");
                      AgingBucket bucket = b == null || b.isEmpty() ? null : AgingBoard.bucket(b);
                      if (b != null && !b.isEmpty() && bucket == null) {
                        throw new InputRejectedException(
                            "bucket: unknown bucket '"
                                + b
                                + "' (known: "
                                + String.join(
                                    ", ",
                                    Arrays.stream(AgingBucket.values())
                                        .map(AgingBucket::label)
                                        .toList())
                                + ")");
                      }
                      int limit = listLimit;
                      String l = ctx.queryParams().get("limit");
                      if (l != null) {
                        try {
                          limit = Integer.parseInt(l);
                        } catch (NumberFormatException e) {
                          limit = -1;
                        }
                        if (limit < 1 || limit > 10_000)
                          throw new InputRejectedException(
                              "limit: expected a whole number from 1 to 10000, got '" + l + "'");
                      }
                      return aging.report(date, bucket, limit, Viewer.of(ctx).seesFullPhones());
                    }));

    router
        .get("/api/accounts/:unit/history")
        .handler(
            ctx ->
                json(
                    engine,
                    ctx,
                    () ->
                        history
                            .load(ctx.pathParam("unit"), Viewer.of(ctx).seesFullPhones())
                            .orElseThrow(() -> unknown(ctx))
                            .json()));

    router
        .get("/api/accounts/:unit/history.csv")
        .handler(
            ctx -> {
              String unit = ctx.pathParam("unit");
              boolean full = Viewer.of(ctx).seesFullPhones();
              engine
                  .blocking(
                      () ->
                          history
                              .load(unit, full)
                              .map(h -> HistoryCsv.write(unit, h.events()))
                              .orElseThrow(() -> unknown(ctx)))
                  .onSuccess(
                      csv ->
                          ctx.response()
                              .putHeader("content-type", "text/csv; charset=utf-8")
                              .putHeader(
                                  "content-disposition",
                                  "attachment; filename=\"history-"
                                      + unit.replaceAll("[^A-Za-z0-9._-]", "_")
                                      + ".csv\"")
                              .end(csv))
                  .onFailure(err -> Problems.fail(ctx, err));
            });

    DeskReports desk = new DeskReports(engine.database(), arrears, DeskCosts.from(config));
    router
        .get("/api/dashboard/desk/:report")
        .handler(
            ctx -> {
              String report = ctx.pathParam("report");
              boolean csv = "csv".equals(ctx.queryParams().get("format"));
              engine
                  .blocking(
                      () -> {
                        if (!DeskReports.NAMES.contains(report))
                          throw new NoSuchElementException(
                              "report: no report '"
                                  + report
                                  + "' (known: "
                                  + String.join(", ", DeskReports.NAMES)
                                  + ")");
                        DeskReports.Window w =
                            new DeskReports.Window(
                                date(ctx, LocalDate.now(clock.withZone(zone))),
                                number(ctx, "months", 6),
                                number(ctx, "days", report.equals("heatmap") ? 90 : 30),
                                ctx.queryParams().get("campaign") == null
                                        || ctx.queryParams().get("campaign").isEmpty()
                                    ? null
                                    : ctx.queryParams().get("campaign"));
                        return desk.json(report, w);
                      })
                  .onSuccess(
                      j -> {
                        if (csv) {
                          ctx.response()
                              .putHeader("content-type", "text/csv; charset=utf-8")
                              .putHeader(
                                  "content-disposition",
                                  "attachment; filename=\"" + report + ".csv\"")
                              .end(DeskReports.csv(report, j));
                        } else {
                          ctx.response()
                              .putHeader("content-type", "application/json")
                              .putHeader("cache-control", "no-store")
                              .end(j.encode());
                        }
                      })
                  .onFailure(err -> Problems.fail(ctx, err));
            });

    StaticAssets.page(router, "/accounts/:unit", "account.html");
  }

  private static NoSuchElementException unknown(RoutingContext ctx) {
    return new NoSuchElementException("unit: no unit '" + ctx.pathParam("unit") + "'");
  }

  private static LocalDate date(RoutingContext ctx, LocalDate fallback) {
    String d = ctx.queryParams().get("date");
    if (d == null || d.isEmpty()) return fallback;
    try {
      return LocalDate.parse(d);
    } catch (DateTimeParseException e) {
      throw new InputRejectedException("date: expected YYYY-MM-DD, got '" + d + "'");
    }
  }

  private static int number(RoutingContext ctx, String name, int fallback) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isEmpty()) return fallback;
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InputRejectedException(name + ": expected a whole number, got '" + v + "'");
    }
  }

  private static ZoneId zone(String id, String field) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      String problem =
          field + ": '" + id + "' is not an IANA time zone such as UTC or Asia/Shanghai";
      if (field.startsWith("dashboard.")) throw new ConfigException(problem);
      throw new InputRejectedException(problem);
    }
  }

  private static void json(Engine engine, RoutingContext ctx, Callable<JsonObject> work) {
    engine
        .blocking(work)
        .onSuccess(
            j ->
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store")
                    .end(j.encode()))
        .onFailure(err -> Problems.fail(ctx, err));
  }
}
