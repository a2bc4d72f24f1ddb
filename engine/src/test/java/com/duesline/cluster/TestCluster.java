package com.duesline.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: real cluster nodes in one JVM, each a Vert.x joined through its own Hazelcast
 * (TCP-IP on 127.0.0.1, a free port and the next one for the clustered event bus), as {@code serve
 * --cluster} joins.
 */
public final class TestCluster {
  private TestCluster() {}

  /** Starts one clustered Vert.x per node id, all members of one cluster; they join in parallel. */
  public static List<Vertx> start(String... nodes) throws Exception {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) ports.add(freePortPair(ports));
    List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    List<Future<Vertx>> starting = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      ClusterMembership m =
          new ClusterMembership(
              new ClusterSettings(nodes[i], "127.0.0.1", ports.get(i), members, 4));
      starting.add(
          Vertx.builder()
              .with(new VertxOptions().setEventBusOptions(m.eventBus()))
              .withClusterManager(m.manager())
              .buildClustered());
    }
    List<Vertx> out = new ArrayList<>();
    for (Future<Vertx> f : starting)
      out.add(f.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS));
    return out;
  }

  /** Leaves the cluster (a node already closed closes again harmlessly). */
  public static void stop(List<Vertx> nodes) throws Exception {
    for (Vertx v : nodes)
      v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Waits up to 15 s for {@code condition}, then asserts it, naming {@code what}. */
  public static void awaitUntil(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(50);
    org.assertj.core.api.Assertions.assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  /**
   * The first column of the first row {@code sql} returns (an INSERT or UPDATE with RETURNING too).
   */
  public static String value(com.duesline.store.Database db, String sql) throws Exception {
    try (var c = db.connection();
        var ps = c.prepareStatement(sql);
        var rs = ps.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * A free port whose successor is free too (Hazelcast on it, the event bus on the next), not next
   * to one already chosen.
   */
  private static int freePortPair(List<Integer> taken) throws Exception {
    for (int i = 0; i < 50; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      if (port >= 65534 || taken.stream().anyMatch(t -> Math.abs(t - port) <= 1)) continue;
      try (ServerSocket next = new ServerSocket(port + 1)) {
        return port;
      } catch (java.io.IOException inUse) {
        // try another
      }
    }
    throw new IllegalStateException("no two adjacent free ports");
  }
}
