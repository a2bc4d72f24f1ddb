package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The speech pool's lanes: urgent work first, then routine, then background. */
class SpeechWorkersTest {
  @Test
  void queuedWorkRunsUrgentThenRoutineThenBackgroundEachInArrivalOrder() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (SpeechWorkers workers = new SpeechWorkers(1)) {
      // The one thread is busy while the rest queue.
      workers
          .executor()
          .execute(
              () -> {
                busy.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      busy.await();
      workers.background().execute(() -> ran.add("background 1"));
      workers.executor().execute(() -> ran.add("routine 1"));
      workers.urgent().execute(() -> ran.add("urgent 1"));
      workers.background().execute(() -> ran.add("background 2"));
      workers.executor().execute(() -> ran.add("routine 2"));
      workers.urgent().execute(() -> ran.add("urgent 2"));
      CountDownLatch done = new CountDownLatch(1);
      workers.background().execute(done::countDown);
      release.countDown();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ran)
        .containsExactly(
            "urgent 1", "urgent 2", "routine 1", "routine 2", "background 1", "background 2");
  }
}
