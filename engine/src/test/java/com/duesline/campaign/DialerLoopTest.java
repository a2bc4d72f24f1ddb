package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The dialer on a running engine: ticks run on the worker pool, paced by CPS. */
class DialerLoopTest {
  @Test
  void ticksOnWorkersUntilClosed() throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      DemoCommand.loadSampleIfEmpty(db);
      MutableClock clock = new MutableClock(CampaignIntegrationTest.START);
      CampaignService svc = new CampaignService(db, clock);
      svc.create("standard");
      svc.transition("standard", "start");
      svc.plan("standard");
      List<String> threads = new CopyOnWriteArrayList<>();
      ScriptedChannel scripted = new ScriptedChannel();
      ContactChannel recording =
          req -> {
            threads.add(Thread.currentThread().getName());
            CompletionStage<ContactResult> r = scripted.contact(req);
            return r;
          };
      // 2 per second of engine time; the test clock stands still, so only the first second's budget
      // is spent.
      Dialer dialer =
          new Dialer(
              svc,
              recording,
              new DialerLimits(2, 5, Duration.ofMinutes(10)),
              () -> 0,
              "node-1",
              clock);
      try (DialerLoop loop = DialerLoop.start(engine, dialer, 50)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (threads.size() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(500);
      }
      assertThat(threads).hasSize(2);
      assertThat(threads).allMatch(t -> t.startsWith(Engine.WORKER_POOL));
      assertThat(CampaignIntegrationTest.count(db, "SELECT count(*) FROM attempts")).isEqualTo(2);
    }
  }
}
