package com.duesline.app;

import com.duesline.call.CallRuntime;
import com.duesline.campaign.PhoneJurisdictions;
import com.duesline.privacy.RetentionRules;
import com.duesline.privacy.RetentionSweep;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the privacy capability's {@link RetentionSweep} on a running engine a minute after start and
 * then every {@code privacy.retention-sweep-hours}.
 */
public final class RetentionSchedule {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

  private RetentionSchedule() {}

  public static void start(Engine engine) {
    int hours = engine.config().getInt("privacy.retention-sweep-hours");
    if (hours < 1) return;
    RetentionSweep sweep =
        new RetentionSweep(
            engine.database(),
            RetentionRules.bundled(),
            PhoneJurisdictions.bundled(),
            CallRuntime.recordingsDir(engine.config()),
            Clock.systemUTC());
    Runnable run =
        () ->
            engine
                .blocking(() -> sweep.run(false))
                .onSuccess(r -> LOG.info("retention sweep: {}", r.toJson().encode()))
                .onFailure(e -> LOG.warn("retention sweep failed: {}", e.toString()));
    engine.vertx().setTimer(TimeUnit.MINUTES.toMillis(1), id -> run.run());
    engine.vertx().setPeriodic(TimeUnit.HOURS.toMillis(hours), id -> run.run());
  }
}
