package com.duesline.cluster;

import com.duesline.app.Engine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's lease alive and tells {@code /health} about membership: a heartbeat every third
 * of the lease (on the worker pool: JDBC), which also refreshes the snapshot {@code /health} serves
 * without blocking: this node, its fencing epoch, the nodes PostgreSQL holds leases for, and the
 * members Hazelcast sees.
 */
public final class ClusterHealth {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterHealth.class);

  private ClusterHealth() {}

  /**
   * Registers the heartbeat timer and the {@code /health} section on {@code engine}; returns how
   * many nodes held a live lease at the last heartbeat (this one included), without blocking.
   */
  public static java.util.function.IntSupplier start(Engine engine, NodeRegistry nodes) {
    AtomicReference<JsonObject> snapshot =
        new AtomicReference<>(new JsonObject().put("node", nodes.nodeId()));
    java.util.concurrent.atomic.AtomicInteger live =
        new java.util.concurrent.atomic.AtomicInteger(1);
    AtomicBoolean busy = new AtomicBoolean();
    Runnable beat =
        () -> {
          long epoch = nodes.heartbeat();
          JsonArray stored = new JsonArray();
          int alive = 0;
          for (NodeRegistry.Member m : nodes.members(Instant.now())) {
            if (m.live()) alive++;
            stored.add(
                new JsonObject()
                    .put("id", m.id())
                    .put("epoch", m.epoch())
                    .put("address", m.address())
                    .put("live", m.live())
                    .put("heartbeat_at", m.heartbeatAt().toString()));
          }
          JsonObject s =
              new JsonObject()
                  .put("node", nodes.nodeId())
                  .put("epoch", epoch)
                  .put("lease_s", nodes.lease().toSeconds())
                  .put("nodes", stored);
          engine
              .cluster()
              .ifPresent(
                  c -> s.put("members", new JsonArray(c.members())).put("member_id", c.memberId()));
          snapshot.set(s);
          live.set(Math.max(1, alive));
        };
    long period = Math.max(500, nodes.lease().toMillis() / 3);
    engine
        .vertx()
        .setPeriodic(
            0,
            period,
            id -> {
              if (!busy.compareAndSet(false, true)) return;
              engine
                  .blocking(
                      () -> {
                        beat.run();
                        return null;
                      })
                  .onFailure(
                      e ->
                          LOG.warn("node {}: heartbeat failed: {}", nodes.nodeId(), e.getMessage()))
                  .onComplete(r -> busy.set(false));
            });
    engine.clusterHealth(snapshot::get);
    return live::get;
  }
}
