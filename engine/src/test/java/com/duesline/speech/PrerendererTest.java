package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompts rendered ahead: one at a time, nearest use first across calls, a call's dropped at its
 * end.
 */
class PrerendererTest {
  /** A lane that runs a task only when the test says so, so the order can be read. */
  private static final class StepLane implements Executor {
    final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      waiting.add(task);
    }

    synchronized Runnable next() {
      return waiting.poll();
    }
  }

  @Test
  void rendersOneAtATimeNearestFirstAndForgetsAnEndedCall(@TempDir Path dir) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PromptCache cache = new PromptCache(TestSpeech.synthesizer(), dir, 1 << 20, registry);
    StepLane lane = new StepLane();
    Prerenderer ahead = new Prerenderer(cache, lane, registry);

    ahead.ahead("call-1", 3, "Your balance is due.");
    ahead.ahead("call-2", 5, "Thank you for calling.");
    ahead.ahead("call-1", 1, "Could you settle it this week?");
    ahead.ahead("call-2", 0, "Is this a good time?");
    ahead.ahead("call-3", 9, "Goodbye.");
    // The first began at once; the rest wait, one task on the lane at a time.
    assertThat(lane.waiting).hasSize(1);
    assertThat(ahead.pending()).isEqualTo(4);
    assertThat(registry.get("duesline.tts.ahead.pending").gauge().value()).isEqualTo(4);

    ahead.forget("call-2");
    List<String> order = new ArrayList<>();
    for (Runnable task = lane.next(); task != null; task = lane.next()) {
      assertThat(lane.waiting).isEmpty();
      task.run();
      order.add(onDisk(cache, dir));
    }
    assertThat(order)
        .containsExactly("Your balance is due.", "Could you settle it this week?", "Goodbye.");
    assertThat(cache.isOnDisk("Thank you for calling.", "", AudioFormatKind.MULAW8K)).isFalse();
    assertThat(cache.isOnDisk("Is this a good time?", "", AudioFormatKind.MULAW8K)).isFalse();
    assertThat(registry.get("duesline.tts.ahead").counter().count()).isEqualTo(3);
    assertThat(ahead.pending()).isZero();
  }

  /** A prerenderer into a cache of its own in {@code dir}, on {@code lane}. */
  private static Prerenderer on(Executor lane, Path dir) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    return new Prerenderer(
        new PromptCache(TestSpeech.synthesizer(), dir, 1 << 20, registry), lane, registry);
  }

  @Test
  void aClosedOneDropsItsQueueAndTakesNoMore(@TempDir Path dir) {
    StepLane lane = new StepLane();
    Prerenderer ahead = on(lane, dir);
    ahead.ahead("call-1", 0, "Your balance is due.");
    ahead.ahead("call-1", 1, "Goodbye.");
    ahead.close();
    ahead.ahead("call-2", 0, "Is this a good time?");
    assertThat(ahead.pending()).isZero();
    // The one already handed to the lane finishes; nothing follows it.
    lane.next().run();
    assertThat(lane.waiting).isEmpty();
  }

  @Test
  void aShutDownPoolEndsRenderingAheadQuietly(@TempDir Path dir) {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    pool.shutdown();
    Prerenderer ahead = on(pool, dir);
    ahead.ahead("call-1", 0, "Your balance is due.");
    ahead.ahead("call-1", 1, "Goodbye.");
    assertThat(ahead.pending()).isZero();
  }

  private final List<String> seen = new ArrayList<>();

  /** The sentence the last task rendered: the one newly on disk. */
  private String onDisk(PromptCache cache, Path dir) {
    for (String s :
        List.of(
            "Your balance is due.",
            "Thank you for calling.",
            "Could you settle it this week?",
            "Is this a good time?",
            "Goodbye.")) {
      if (!seen.contains(s) && cache.isOnDisk(s, "", AudioFormatKind.MULAW8K)) {
        seen.add(s);
        return s;
      }
    }
    return "(nothing new)";
  }
}
