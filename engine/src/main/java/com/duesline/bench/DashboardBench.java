package com.duesline.bench;

import com.duesline.app.DemoCommand;
import com.duesline.campaign.DialerLimits;
import com.duesline.cli.CommonOptions;
import com.duesline.dashboard.AccountHistory;
import com.duesline.dashboard.AgingBoard;
import com.duesline.dashboard.CampaignBoard;
import com.duesline.dashboard.CollectionTargets;
import com.duesline.dashboard.TodayBoard;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline bench dashboard`: how long each supervisor-dashboard answer takes to compute over the
 * store (the sample estate when the store is empty): the campaign figures (polled every 5 s), one
 * day at a glance, the aging report with its list, and one account's history. Prints the median of
 * N runs.
 */
@Command(
    name = "dashboard",
    description =
        "Time the dashboard's campaign, today, aging and account-history answers over the store; print medians.")
public final class DashboardBench implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--runs",
      defaultValue = "21",
      description = "Timed runs per view; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--date", description = "The day looked at (default today in dashboard.zone).")
  LocalDate date;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    var config = common.config();
    try (Database db = Database.open(config)) {
      int loaded = DemoCommand.loadSampleIfEmpty(db);
      if (loaded > 0) out.printf("empty store: imported the sample estate (%d rows)%n", loaded);
      ZoneId zone = ZoneId.of(config.get("dashboard.zone"));
      LocalDate day = date != null ? date : LocalDate.now(zone);
      ArrearsQuery arrears = ArrearsQuery.fromConfig(db, config).cached();
      CampaignBoard campaigns = new CampaignBoard(db, DialerLimits.from(config), Clock.systemUTC());
      TodayBoard today = new TodayBoard(db, arrears, CollectionTargets.bundled());
      AgingBoard aging = new AgingBoard(db, arrears);
      AccountHistory history = new AccountHistory(db, arrears);
      JsonObject report = aging.report(day, null, 1, true);
      int units = report.getJsonObject("total").getInteger("accounts");
      String unit =
          report.getJsonArray("accounts").isEmpty()
              ? null
              : report.getJsonArray("accounts").getJsonObject(0).getString("unit");
      out.printf(
          "store: %d accounts, %d in arrears on %s; %d runs per view after 3 warm-up runs%n",
          units, report.getInteger("accounts_in_arrears"), day, runs);
      time(out, "campaigns (GET /api/dashboard/campaigns)", campaigns::summary);
      time(
          out,
          "today     (GET /api/dashboard/today)",
          () -> today.day(day, zone, config.getInt("dashboard.ab-window-days")));
      time(
          out,
          "aging     (GET /api/dashboard/aging)",
          () -> aging.report(day, null, config.getInt("dashboard.aging-list-limit"), true));
      // What the first request after a ledger change pays: the cache recomputes the changed units
      // only.
      // The change is a no-op UPDATE of one charge of a random unit (the trigger notes it like a
      // real one; no data changes).
      java.util.List<Long> charges = new java.util.ArrayList<>();
      try (var c = db.connection();
          var st = c.createStatement();
          var rs =
              st.executeQuery(
                  "SELECT DISTINCT ON (unit_id) id FROM charges ORDER BY unit_id, id")) {
        while (rs.next()) charges.add(rs.getLong(1));
      }
      if (!charges.isEmpty()) {
        java.util.Random random = new java.util.Random(1);
        Runnable touch =
            () -> {
              try (var c = db.connection();
                  var ps = c.prepareStatement("UPDATE charges SET amount = amount WHERE id = ?")) {
                ps.setLong(1, charges.get(random.nextInt(charges.size())));
                ps.executeUpdate();
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
              }
            };
        timeAfter(
            out,
            "today after a one-unit change",
            touch,
            () -> today.day(day, zone, config.getInt("dashboard.ab-window-days")));
        timeAfter(
            out,
            "aging after a one-unit change",
            touch,
            () -> aging.report(day, null, config.getInt("dashboard.aging-list-limit"), true));
      }
      ArrearsQuery uncached = ArrearsQuery.fromConfig(db, config);
      time(out, "whole-ledger recompute (first request of a day)", () -> uncached.all(day));
      if (unit != null)
        time(
            out,
            "history   (GET /api/accounts/" + unit + "/history)",
            () -> history.load(unit, true));
      out.flush();
    }
    return 0;
  }

  /** Like {@link #time}, but {@code change} runs (untimed) before each call. */
  private void timeAfter(PrintWriter out, String what, Runnable change, Callable<?> view)
      throws Exception {
    time(
        out,
        what,
        () -> {
          change.run();
          return null;
        },
        view);
  }

  private void time(PrintWriter out, String what, Callable<?> view) throws Exception {
    time(out, what, () -> null, view);
  }

  private void time(PrintWriter out, String what, Callable<?> before, Callable<?> view)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      before.call();
      view.call();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      before.call();
      long t0 = System.nanoTime();
      view.call();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    out.printf(
        "  %-50s median %8.1f ms   min %8.1f ms   max %8.1f ms%n",
        what, ms[runs / 2], ms[0], ms[runs - 1]);
    out.flush();
  }
}
