package com.duesline.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' boards on one event bus (a clustered bus delivers the same way): each event names its
 * node and sequence; a node's snapshot shows the other node's calls with their turns until they
 * end; a page that reconnects with the last id it saw gets exactly the events after it.
 */
class LiveBoardClusterTest {
  @Test
  void aBoardShowsTheOtherNodesCallsAndReplaysWhatAPageMissed() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      LiveBoard a = new LiveBoard(vertx, null);
      LiveBoard b = new LiveBoard(vertx, null);
      a.origin("node-a");
      b.origin("node-b");
      a.publish("call", new JsonObject().put("id", 7L).put("unit", "U7").put("state", "ringing"));
      a.publish("call", new JsonObject().put("id", 7L).put("unit", "U7").put("state", "talking"));
      a.publish(
          "turn", new JsonObject().put("id", 7L).put("speaker", "caller").put("text", "hello"));
      awaitUntil(
          () ->
              b.snapshot().getJsonArray("calls").size() == 1
                  && b.snapshot()
                          .getJsonArray("calls")
                          .getJsonObject(0)
                          .getJsonArray("transcript")
                          .size()
                      == 1);
      JsonObject call = b.snapshot().getJsonArray("calls").getJsonObject(0);
      assertThat(call.getString("origin")).isEqualTo("node-a");
      assertThat(call.getString("state")).isEqualTo("talking");
      assertThat(a.snapshot().getJsonArray("calls"))
          .as("a node's own events are not counted twice")
          .isEmpty();

      // A page that saw node-a's first event reconnects to node-b: it gets the two events after it.
      assertThat(b.since("node-a:1").orElseThrow())
          .extracting(LiveBoard::eventId)
          .containsExactly("node-a:2", "node-a:3");
      assertThat(b.since("node-a:99"))
          .as("an id no longer kept: the page gets a snapshot")
          .isEmpty();

      a.publish("ended", new JsonObject().put("id", 7L).put("disposition", "PTP"));
      awaitUntil(() -> b.snapshot().getJsonArray("calls").isEmpty());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(condition.getAsBoolean()).isTrue();
  }
}
