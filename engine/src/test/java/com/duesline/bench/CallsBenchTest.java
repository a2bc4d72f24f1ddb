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
}
