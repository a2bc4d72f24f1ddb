package com.duesline.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.campaign.DialerLimits;
import com.duesline.config.DueslineConfig;
import com.duesline.dashboard.CampaignBoard;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The demo's calls are a campaign: an account of the sample estate called by the real dialer
 * through the local carrier, while the campaign board (the supervisor's card) is read as a
 * supervisor would: the campaign is listed, a channel is in use during the call, the call counts as
 * dialed and answered, the dial level is above zero, and the demo's summary still prints.
 */
class DemoCampaignTest {
  /**
   * Tuesday 24 November 2026, 16:00 UTC: 11:00 in New York, 08:00 in Los Angeles; the demo's clock
   * runs on from there.
   */
  private static final Instant START = Instant.parse("2026-11-24T16:00:00Z");

  @Test
  void theDemosCallsRunAsACampaignAndTheBoardShowsThem() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      DemoCommand.loadSampleIfEmpty(db);
      DueslineConfig config =
          DueslineConfig.load(null, k -> null)
              .with("carrier.local.ring-ms", "400")
              .with("dialer.channels", "2")
              .with(
                  "speech.cache-dir",
                  Path.of("target", "speech-cache").toAbsolutePath().toString());
      Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START));
      CampaignBoard board = new CampaignBoard(db, DialerLimits.from(config), clock);
      StringWriter text = new StringWriter();
      try (Engine engine = Engine.create(config, db)) {
        WebConsole console = WebConsole.beforeStart(engine);
        engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        // The supervisor's card, polled while the demo runs.
        AtomicLong maxChannels = new AtomicLong();
        AtomicLong maxInFlight = new AtomicLong();
        java.util.concurrent.atomic.DoubleAccumulator maxDialLevel =
            new java.util.concurrent.atomic.DoubleAccumulator(Math::max, 0);
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller =
            new Thread(
                () -> {
                  while (polling.get()) {
                    JsonObject s = board.summary();
                    maxChannels.accumulateAndGet(
                        s.getJsonObject("pacing").getLong("channels_in_use"), Math::max);
                    maxDialLevel.accumulate(s.getJsonObject("pacing").getDouble("dial_level"));
                    s.getJsonArray("campaigns").stream()
                        .map(JsonObject.class::cast)
                        .filter(c -> c.getString("id").equals("demo"))
                        .forEach(
                            c -> maxInFlight.accumulateAndGet(c.getLong("in_flight"), Math::max));
                    try {
                      Thread.sleep(250);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
        poller.start();
        try {
          DemoRun.calls(
              engine, console, "en", 1, 1, false, false, clock, new PrintWriter(text, true));
        } finally {
          polling.set(false);
          poller.join();
        }
        String[] lines = text.toString().trim().split("\n");
        JsonObject summary = new JsonObject(lines[lines.length - 1]);
        assertThat(summary.getInteger("calls")).as(text.toString()).isEqualTo(1);
        assertThat(summary.getInteger("answered")).as(text.toString()).isEqualTo(1);
        assertThat(text.toString())
            .contains("campaign 'demo': 1 calls due now, at most 2 at a time");

        JsonObject after = board.summary();
        JsonObject demo =
            after.getJsonArray("campaigns").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getString("id").equals("demo"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demo campaign on the board: " + after));
        assertThat(demo.getString("status")).isEqualTo("running");
        assertThat(demo.getLong("dialed"))
            .as("the demo's calls are the campaign's attempts: %s", demo)
            .isEqualTo(1);
        assertThat(demo.getLong("answered")).isEqualTo(1);
        assertThat(demo.getLong("in_flight")).isZero();
        assertThat(after.getJsonObject("pacing").getInteger("channels")).isEqualTo(2);
        assertThat(maxDialLevel.get())
            .as("the dial level while the calls ran (calls started in the last minute)")
            .isPositive();
        assertThat(maxChannels.get()).as("channels in use while the calls ran").isPositive();
        assertThat(maxInFlight.get())
            .as("the campaign's calls in flight while they ran")
            .isPositive();
        // Every attempt the demo made is the campaign's, and its outcome is in the books.
        assertThat(
                count(
                    db, "SELECT count(*) FROM attempts WHERE campaign_ref IS DISTINCT FROM 'demo'"))
            .isZero();
        assertThat(
                count(
                    db,
                    "SELECT count(*) FROM attempts WHERE campaign_ref = 'demo' AND disposition IS NOT NULL AND ended_at IS NOT NULL"))
            .isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM contact_tasks WHERE campaign_ref = 'demo'"))
            .as("only the slice is planned")
            .isBetween(1L, 2L);
      }

      // The next run is a campaign of its own; the last one stops (its retries would ring numbers
      // with no simulated caller).
      DemoCampaign next = DemoCampaign.start(db, clock, List.of());
      assertThat(next.id()).isEqualTo("demo-2");
      assertThat(
              count(db, "SELECT count(*) FROM campaigns WHERE id = 'demo' AND status = 'stopped'"))
          .isEqualTo(1);
      assertThat(next.done()).isCompleted();
    }
  }

  private static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
