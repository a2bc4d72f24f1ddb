package com.duesline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.bench.CallsBench.ThreadCpu;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's CPU by thread family, as `bench calls` reports it. */
class CallsBenchTest {
  @Test
  void groupsThreadsByFamilyAndLeavesTheRestToEndedThreads() {
    Map<Long, ThreadCpu> before =
        Map.of(1L, new ThreadCpu("speech-1", 1_000_000_000L), 3L, new ThreadCpu("main", 0));
    Map<Long, ThreadCpu> after =
        Map.of(
            1L, new ThreadCpu("speech-1", 3_000_000_000L),
            2L, new ThreadCpu("speech-2", 1_500_000_000L),
            3L, new ThreadCpu("main", 0),
            4L, new ThreadCpu("vert.x-eventloop-thread-0", 500_000_000L));
    JsonObject out = CallsBench.cpuByThreads(before, after, 5.0);
    assertThat(out.getDouble("speech")).isEqualTo(3.5);
    assertThat(out.getDouble("vert.x-eventloop-thread")).isEqualTo(0.5);
    assertThat(out.getDouble("other and ended threads")).isEqualTo(1.0);
    assertThat(List.copyOf(out.fieldNames()).get(0)).isEqualTo("speech");
  }

  private static com.duesline.call.CallObserver.TurnRecord turn(String text, double totalMs) {
    return new com.duesline.call.CallObserver.TurnRecord(
        1,
        "caller",
        "ask_unit",
        text,
        "affirm",
        0.9,
        Map.of(),
        null,
        null,
        totalMs < 0
            ? null
            : new com.duesline.call.TurnLatency(totalMs - 100, 50, 1, 1, 48, totalMs),
        null);
  }

  @Test
  void theSlowestTurnsComeFirstWithTheirPersonaAndStages() {
    var out =
        CallsBench.slowest(
            List.of("pausing-promise", "stop-contact"),
            List.of(
                List.of(turn("zero three", 700), turn("(bot)", -1)),
                List.of(turn("yes", 300), turn("stop calling", 1500))),
            2);
    assertThat(out.size()).isEqualTo(2);
    assertThat(out.getJsonObject(0).getString("persona")).isEqualTo("stop-contact");
    assertThat(out.getJsonObject(0).getString("words")).isEqualTo("stop calling");
    assertThat(out.getJsonObject(0).getDouble("endpointing")).isEqualTo(1400.0);
    assertThat(out.getJsonObject(1).getString("persona")).isEqualTo("pausing-promise");
    assertThat(out.getJsonObject(1).getDouble("total")).isEqualTo(700.0);
  }
}
