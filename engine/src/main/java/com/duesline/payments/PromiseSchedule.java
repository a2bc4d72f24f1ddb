package com.duesline.payments;

import com.duesline.app.Engine;
import com.duesline.campaign.CampaignService;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.scripts.TrackRepository;
import com.duesline.telephony.carrier.Carrier;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the promise evaluation on a running engine: once at start and then every {@code
 * payments.evaluate-every-minutes}, on the worker pool. Judging is by date and idempotent, so
 * running it hourly means "daily" with reminders going out as soon as the contact policy's hours
 * allow.
 */
public final class PromiseSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(PromiseSchedule.class);

  private PromiseSchedule() {}

  public static void start(
      Engine engine, Payments payments, Carrier carrier, TrackRepository tracks) {
    var config = engine.config();
    int minutes = config.getInt("payments.evaluate-every-minutes");
    if (minutes < 1) return;
    ArrearsQuery accounts = ArrearsQuery.fromConfig(engine.database(), config);
    PromiseLifecycle lifecycle =
        new PromiseLifecycle(
            engine.database(),
            new CampaignService(engine.database(), payments.clock()),
            payments.plans(),
            new SmsReminders(carrier, tracks, payments.links(), accounts, config),
            payments.clock());
    Runnable run =
        () ->
            engine
                .blocking(lifecycle::evaluate)
                .onSuccess(e -> LOG.info("promises evaluated: {}", e.toJson().encode()))
                .onFailure(e -> LOG.warn("promise evaluation failed: {}", e.toString()));
    engine.vertx().setTimer(1000, id -> run.run());
    engine.vertx().setPeriodic(TimeUnit.MINUTES.toMillis(minutes), id -> run.run());
  }
}
