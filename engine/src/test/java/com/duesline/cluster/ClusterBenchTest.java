package com.duesline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.bench.ClusterBench;
import com.duesline.config.DueslineConfig;
import com.duesline.speech.SpeechSettings;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The cluster proof, small: two engine JVMs ({@code serve --cluster}, Hazelcast, one embedded
 * PostgreSQL, one local carrier) run a campaign of short calls; one node is killed with {@code kill
 * -9} while it has an answered call in progress. Every contact must end with one final outcome
 * (none lost), no call may be placed twice for one attempt or end twice (none doubled), and the
 * survivor must have settled the dead node's calls with the carrier.
 */
class ClusterBenchTest {
  @Test
  void aNodeKilledMidCallLosesAndDoublesNothing() throws Exception {
    Path cache =
        SpeechSettings.from(DueslineConfig.load(null, k -> null)).cacheDir().toAbsolutePath();
    JsonObject r =
        ClusterBench.run(
            new ClusterBench.Settings(2, 6, 1, 0, 6, 6, 600, "768m", cache), System.err);
    System.err.println("cluster bench (test): " + r.encode());
    assertThat(r.getInteger("killed")).as(r.encodePrettily()).isEqualTo(1);
    assertThat(r.getLong("lost")).as(r.encodePrettily()).isZero();
    assertThat(r.getLong("doubled")).as(r.encodePrettily()).isZero();
    assertThat(r.getLong("completed")).as(r.encodePrettily()).isEqualTo(6);
    assertThat(r.getLong("recovered_calls")).as(r.encodePrettily()).isPositive();
  }
}
