package com.duesline.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.cluster.NodeRegistry;
import com.duesline.cluster.TestCluster;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The hand-off desk across two real cluster nodes: two Vert.x instances joined through Hazelcast
 * (TCP-IP, their own ports), one real PostgreSQL. A hand-off of node A's call is offered to an
 * agent whose console node B serves, and node A (which would transfer the call) learns who took it
 * and where to; two agents on two nodes racing for one hand-off get it once; one agent racing for
 * two gets one; an agent whose node stops renewing drops out of the desk when the presence lease
 * runs out.
 */
class HandoffDeskClusterTest {
  private static final Duration PRESENCE = Duration.ofSeconds(3);
  private static final long MAX_WAIT_MS = 6_000;

  @Test
  void aHandoffOnOneNodeIsTakenOnceByAnAgentOnAnother() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      for (String node : List.of("node-a", "node-b"))
        new NodeRegistry(db, node, "http://" + node, Duration.ofMinutes(2), Clock.systemUTC())
            .register();
      List<Vertx> nodes = TestCluster.start("node-a", "node-b");
      Vertx a = nodes.get(0);
      Vertx b = nodes.get(1);
      try {
        HandoffDesk deskA = new HandoffDesk(a, MAX_WAIT_MS);
        HandoffDesk deskB = new HandoffDesk(b, MAX_WAIT_MS);
        deskA.share(new DeskStore(db), "node-a", PRESENCE);
        deskB.share(new DeskStore(db), "node-b", PRESENCE);
        long unit = insert(db, "INSERT INTO units (unit_code) VALUES ('T-101') RETURNING id");
        long[] h = new long[5];
        for (int i = 0; i < h.length; i++)
          h[i] =
              insert(
                  db,
                  "INSERT INTO handoffs (unit_id, reason) VALUES ("
                      + unit
                      + ", 'request_human') RETURNING id");

        // Ann's console is served by node B; node A owns the call and offers its hand-off.
        await(deskB.signIn("ann", "+15550100001"));
        Future<Optional<HandoffDesk.Agent>> offered =
            deskA.offer(new HandoffDesk.Handoff(h[0], 0, "request_human", "asks for a person"));
        awaitUntil("node B shows node A's hand-off", () -> ids(deskB).contains(h[0]));
        awaitUntil(
            "node A shows node B's free agent",
            () -> deskA.agent("ann").map(HandoffDesk.Agent::free).orElse(false));
        assertThat(await(deskB.take(h[0], "ann"))).isTrue();
        // Node A, which owns the call, learns who took it and where to transfer it (what
        // CallCoordinator does next).
        Optional<HandoffDesk.Agent> taker =
            offered.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(taker).map(HandoffDesk.Agent::address).contains("+15550100001");
        assertThat(deskA.agentOf(h[0])).contains("ann");
        assertThat(row(db, "SELECT status || ' ' || agent FROM handoffs WHERE id = " + h[0]))
            .isEqualTo("assigned ann");
        awaitUntil(
            "node A sees Ann on call",
            () ->
                deskA
                    .agent("ann")
                    .map(x -> x.state() == HandoffDesk.AgentState.ON_CALL)
                    .orElse(false));
        awaitUntil(
            "the hand-off left both queues",
            () -> !ids(deskA).contains(h[0]) && !ids(deskB).contains(h[0]));

        // An agent on call takes nothing more, from either node.
        Future<Optional<HandoffDesk.Agent>> second =
            deskA.offer(new HandoffDesk.Handoff(h[1], 0, "request_human", "second caller"));
        awaitUntil("node B shows the second hand-off", () -> ids(deskB).contains(h[1]));
        assertThat(await(deskA.take(h[1], "ann"))).isFalse();
        assertThat(await(deskB.take(h[1], "ann"))).isFalse();

        // Two free agents on two nodes race for it: exactly one gets it.
        await(deskA.signIn("cy", "sip:cy@pbx.test"));
        await(deskB.signIn("dee", "sip:dee@pbx.test"));
        awaitUntil(
            "both agents known on both nodes",
            () -> deskA.agent("dee").isPresent() && deskB.agent("cy").isPresent());
        Future<Boolean> byCy = deskA.take(h[1], "cy");
        Future<Boolean> byDee = deskB.take(h[1], "dee");
        boolean cyWon = await(byCy);
        boolean deeWon = await(byDee);
        assertThat(cyWon ^ deeWon)
            .as("exactly one of two racing agents takes the hand-off")
            .isTrue();
        String winner = cyWon ? "cy" : "dee";
        assertThat(second.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
            .map(HandoffDesk.Agent::name)
            .contains(winner);
        assertThat(row(db, "SELECT agent FROM handoffs WHERE id = " + h[1])).isEqualTo(winner);

        // One free agent races for two hand-offs: they get one; the other expires to nobody and is
        // abandoned.
        String loser = cyWon ? "dee" : "cy";
        HandoffDesk loserDesk = cyWon ? deskB : deskA;
        Future<Optional<HandoffDesk.Agent>> third =
            deskA.offer(new HandoffDesk.Handoff(h[2], 0, "request_human", "third"));
        Future<Optional<HandoffDesk.Agent>> fourth =
            deskB.offer(new HandoffDesk.Handoff(h[3], 0, "request_human", "fourth"));
        awaitUntil(
            "the loser's node shows both", () -> ids(loserDesk).containsAll(List.of(h[2], h[3])));
        Future<Boolean> take3 = loserDesk.take(h[2], loser);
        Future<Boolean> take4 = loserDesk.take(h[3], loser);
        assertThat(await(take3) ^ await(take4)).as("an agent gets one call, not two").isTrue();
        Future<Optional<HandoffDesk.Agent>> kept = await(take3) ? fourth : third;
        assertThat(
                kept.toCompletionStage()
                    .toCompletableFuture()
                    .get(MAX_WAIT_MS + 5_000, TimeUnit.MILLISECONDS))
            .isEmpty();
        assertThat(row(db, "SELECT count(*) FROM handoffs WHERE status = 'abandoned'"))
            .isEqualTo("1");
        assertThat(row(db, "SELECT count(*) FROM desk_agents WHERE state = 'on_call'"))
            .isEqualTo("3");

        // Node B stops (its console server gone): the agents it served drop out of node A's desk
        // with their lease.
        await(deskB.signIn("eve", "sip:eve@pbx.test"));
        awaitUntil("node A sees Eve", () -> deskA.agent("eve").isPresent());
        b.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        awaitUntil("Eve's presence ran out", () -> deskA.agent("eve").isEmpty());
        Future<Optional<HandoffDesk.Agent>> last =
            deskA.offer(new HandoffDesk.Handoff(h[4], 0, "request_human", "after B died"));
        assertThat(await(deskA.take(h[4], "eve")))
            .as("an agent whose presence ran out is offered nothing")
            .isFalse();
        deskA.withdraw(h[4]);
        assertThat(last.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS))
            .isEmpty();
      } finally {
        TestCluster.stop(nodes);
      }
    }
  }

  private static List<Long> ids(HandoffDesk desk) {
    return desk.queue().stream().map(q -> q.handoff().id()).toList();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static long insert(Database db, String sql) throws Exception {
    return Long.parseLong(row(db, sql));
  }

  private static String row(Database db, String sql) throws Exception {
    return TestCluster.value(db, sql);
  }

  private static void awaitUntil(String what, BooleanSupplier condition)
      throws InterruptedException {
    TestCluster.awaitUntil(what, condition);
  }
}
