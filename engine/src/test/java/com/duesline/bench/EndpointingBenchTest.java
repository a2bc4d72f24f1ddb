package com.duesline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.bench.EndpointingBench.Judged;
import com.duesline.call.Endpointing.Wait;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `bench endpointing` counts from the judged decodes. */
class EndpointingBenchTest {
  private static Judged judged(Wait wait, double lastConf) {
    return new Judged("i can pay on", 0, "i can pay on", wait, lastConf);
  }

  @Test
  void countsTheWaitsAndTheLastWordsConfidenceOfTheLongOnes() {
    JsonObject s =
        EndpointingBench.summary(
            List.of(
                judged(Wait.LONG, 1.0),
                judged(Wait.LONG, 0.4),
                judged(Wait.DEFAULT, 0.2),
                judged(Wait.SHORT, 1.0)));
    assertThat(s.getInteger("decodes")).isEqualTo(4);
    assertThat(s.getJsonObject("waits").getLong("long")).isEqualTo(2);
    assertThat(s.getJsonObject("waits").getLong("default")).isEqualTo(1);
    assertThat(s.getDouble("long_rate")).isEqualTo(0.5);
    JsonObject conf = s.getJsonObject("last_word_conf_when_long");
    assertThat(conf.getDouble("min")).isEqualTo(0.4);
    assertThat(conf.getLong("below_0.9")).isEqualTo(1);
  }

  @Test
  void theRuleTradesLongWaitsLostAgainstLongWaitsSparedAtEachThreshold() {
    List<Judged> trailing =
        List.of(judged(Wait.LONG, 0.55), judged(Wait.LONG, 0.95), judged(Wait.DEFAULT, 0.1));
    List<Judged> wholes = List.of(judged(Wait.LONG, 0.3), judged(Wait.SHORT, 0.3));
    JsonArray t = EndpointingBench.tradeOff(trailing, wholes);
    JsonObject at05 = t.getJsonObject(0), at06 = t.getJsonObject(1), at09 = t.getJsonObject(4);
    assertThat(at05.getDouble("below_conf")).isEqualTo(0.5);
    assertThat(at05.getLong("trailing_off_losing_long_wait")).isZero();
    assertThat(at06.getLong("trailing_off_losing_long_wait")).isEqualTo(1);
    assertThat(at09.getLong("trailing_off_losing_long_wait")).isEqualTo(1);
    assertThat(at05.getLong("whole_answers_spared_long_wait")).isEqualTo(1);
  }

  @Test
  void theBundledTrailingOffSetIsOnTheClasspath() throws Exception {
    try (var in = EndpointingBench.class.getResourceAsStream("/call/trailing-off.txt")) {
      assertThat(in).isNotNull();
      long lines =
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .count();
      assertThat(lines).isEqualTo(40);
    }
  }
}
