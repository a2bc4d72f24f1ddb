package com.duesline.handoff;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue between the bot and human agents: a hand-off waits here (highest priority, then oldest,
 * first) until a free agent takes it or the wait limit passes, when the caller is offered a
 * callback instead. Agents sign in with the address their calls are transferred to and move through
 * free → on call → wrap-up → free (or away). Thread-safe: calls arrive on different event loops.
 *
 * <p>Alone, the desk lives in this process's memory. In a cluster ({@link #share}) PostgreSQL holds
 * it ({@link DeskStore}): agents' presence with leases and waiting hand-offs with the node that
 * owns each call, so an agent whose console is served by any node is offered every node's
 * hand-offs, and PostgreSQL decides who takes one. The node that owns the call learns it was taken
 * by an event-bus message (at once) or by its own poll of the store (when a message is lost), and
 * transfers the call.
 */
public final class HandoffDesk {
  private static final Logger LOG = LoggerFactory.getLogger(HandoffDesk.class);

  /** Published when the desk changed on some node: every node re-reads it. */
  static final String CHANGED = "duesline.desk.changed";

  /** Sent to the owner node ({@code + node id}) when one of its hand-offs was taken elsewhere. */
  static final String TAKEN = "duesline.desk.taken.";

  private static final long REFRESH_MS = 1_000;
  private final Vertx vertx;
  private final long maxWaitMs;
  private final long serviceLevelMs;
  private final Map<Long, Waiting> waiting = new LinkedHashMap<>();
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<Long, String> takenBy = new LinkedHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private int resolved;
  private int takenInTime;

  /**
   * Set in a cluster: the store that holds the desk, this node's id and the agents' presence lease.
   */
  private volatile Shared shared;

  /** In a cluster: hand-offs waiting on other nodes, as last read, and when. */
  private List<DeskStore.Waiting> elsewhere = List.of();

  private long elsewhereAt;

  /**
   * In a cluster: agents whose consoles this node serves (it renews their presence; its simulated
   * ones it dispatches).
   */
  private final Set<String> served = ConcurrentHashMap.newKeySet();

  /**
   * Bumped by every write of an agent here, so a read of the store begun before it does not undo
   * it.
   */
  private final AtomicLong writes = new AtomicLong();

  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final AtomicBoolean dispatching = new AtomicBoolean();
  private long renewedAt;

  private record Shared(DeskStore store, String node, Duration lease) {}

  /** A hand-off as agents see it: why, a one-paragraph summary, and its priority (higher first). */
  public record Handoff(long id, long attemptId, String reason, String summary, int priority) {
    public Handoff(long id, long attemptId, String reason, String summary) {
      this(id, attemptId, reason, summary, 0);
    }
  }

  /** Where an agent is in their work. */
  public enum AgentState {
    FREE,
    ON_CALL,
    WRAP_UP,
    AWAY
  }

  /**
   * An agent: a name, where their calls go (E.164 or sip:), their state and since when (epoch ms).
   */
  public record Agent(String name, String address, AgentState state, long since) {
    public boolean free() {
      return state == AgentState.FREE;
    }
  }

  /** A waiting hand-off with how long it has waited. */
  public record Queued(Handoff handoff, long waitedMs) {}

  /**
   * Share of resolved hand-offs an agent took within the service-level time (1.0 when none resolved
   * yet).
   */
  public record ServiceLevel(long targetMs, int resolved, int takenInTime) {
    public double share() {
      return resolved == 0 ? 1.0 : (double) takenInTime / resolved;
    }
  }

  private record Waiting(Handoff handoff, long since, Promise<Optional<Agent>> taken, long timer) {}

  /** A desk whose service level counts hand-offs taken within 20 s. */
  public HandoffDesk(Vertx vertx, long maxWaitMs) {
    this(vertx, maxWaitMs, 20_000);
  }

  public HandoffDesk(Vertx vertx, long maxWaitMs, long serviceLevelMs) {
    this.vertx = vertx;
    this.maxWaitMs = maxWaitMs;
    this.serviceLevelMs = serviceLevelMs;
  }

  /** Runs {@code listener} after every change of the queue or of an agent (must not block). */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /**
   * Shares this desk with the other nodes of a cluster through {@code store}: agents signed in here
   * are stored with a presence lease this node renews, this node's hand-offs are offered on every
   * node, and the desk is re-read every second and whenever another node says it changed.
   */
  public void share(DeskStore store, String node, Duration lease) {
    shared = new Shared(store, node, lease);
    vertx
        .eventBus()
        .<JsonObject>consumer(
            TAKEN + node,
            m -> {
              JsonObject b = m.body();
              settle(
                  b.getLong("id"),
                  Optional.of(
                      new Agent(
                          b.getString("name"),
                          b.getString("address"),
                          AgentState.ON_CALL,
                          b.getLong("since"))));
            });
    vertx
        .eventBus()
        .<String>consumer(
            CHANGED,
            m -> {
              if (!node.equals(m.body())) refresh();
            });
    vertx.setPeriodic(REFRESH_MS, id -> refresh());
    refresh();
  }

  /** Queues a hand-off; completes with the agent who took it, or empty when nobody did in time. */
  public Future<Optional<Agent>> offer(Handoff h) {
    Promise<Optional<Agent>> p = Promise.promise();
    Shared s = shared;
    synchronized (this) {
      long timer = vertx.setTimer(maxWaitMs, id -> expire(h.id()));
      waiting.put(h.id(), new Waiting(h, System.currentTimeMillis(), p, timer));
      if (s == null) dispatch();
    }
    changed();
    if (s != null) {
      blocking(
              () -> {
                s.store().publish(h.id(), s.node(), h.priority());
                return null;
              })
          .onSuccess(v -> announce())
          .onFailure(
              e ->
                  LOG.warn(
                      "hand-off {}: cannot offer it to the cluster: {}", h.id(), e.getMessage()));
    }
    return p.future();
  }

  private void expire(long handoffId) {
    if (shared != null) {
      abandon(handoffId);
      return;
    }
    Waiting w;
    synchronized (this) {
      w = waiting.remove(handoffId);
      if (w != null) resolved++;
    }
    if (w != null) {
      w.taken().tryComplete(Optional.empty());
      changed();
    }
  }

  /** The caller hung up while waiting: the hand-off leaves the queue as if nobody took it. */
  public void withdraw(long handoffId) {
    if (shared != null) {
      abandon(handoffId);
      return;
    }
    Waiting w;
    synchronized (this) {
      w = waiting.remove(handoffId);
      if (w != null) vertx.cancelTimer(w.timer());
    }
    if (w != null) {
      w.taken().tryComplete(Optional.empty());
      changed();
    }
  }

  /**
   * In a cluster the store decides between "nobody took it" and an agent elsewhere who took it just
   * now.
   */
  private void abandon(long handoffId) {
    Shared s = shared;
    blocking(() -> s.store().abandon(handoffId))
        .onSuccess(agent -> settle(handoffId, agent))
        .onFailure(
            e -> {
              // The store cannot say: the caller is not kept waiting; the poll settles a take that
              // did land.
              LOG.warn(
                  "hand-off {}: cannot abandon it in the store: {}", handoffId, e.getMessage());
              settle(handoffId, Optional.empty());
            });
  }

  /**
   * One of this node's hand-offs ended: taken by {@code agent} or by nobody. Counted once, whoever
   * reports it first.
   */
  private void settle(long handoffId, Optional<Agent> agent) {
    Waiting w;
    synchronized (this) {
      w = waiting.remove(handoffId);
      if (w == null) return;
      vertx.cancelTimer(w.timer());
      resolved++;
      if (agent.isPresent()) {
        takenBy.put(handoffId, agent.get().name());
        if (System.currentTimeMillis() - w.since() <= serviceLevelMs) takenInTime++;
      }
    }
    w.taken().tryComplete(agent);
    changed();
  }

  /** An agent signs in (or changes address) and is free. */
  public Future<Void> signIn(String name, String address) {
    Agent a = new Agent(name, address, AgentState.FREE, System.currentTimeMillis());
    if (shared != null) return store(a);
    synchronized (this) {
      agents.put(name, a);
      dispatch();
    }
    changed();
    return Future.succeededFuture();
  }

  /** The agent finished wrap-up and can take the next hand-off. */
  public Future<Void> free(String name) {
    return move(name, AgentState.FREE);
  }

  /** The agent is writing up the call they took. */
  public Future<Void> wrapUp(String name) {
    return move(name, AgentState.WRAP_UP);
  }

  /** The agent takes no hand-offs for now. */
  public Future<Void> away(String name) {
    return move(name, AgentState.AWAY);
  }

  private Future<Void> move(String name, AgentState state) {
    Agent moved;
    synchronized (this) {
      Agent a = agents.get(name);
      if (a == null || (a.state() == state && shared == null)) return Future.succeededFuture();
      // In a cluster the same state is stored again: the node the agent's console reaches now takes
      // over their presence.
      moved =
          a.state() == state
              ? a
              : new Agent(a.name(), a.address(), state, System.currentTimeMillis());
      if (shared == null) {
        agents.put(name, moved);
        if (state == AgentState.FREE) dispatch();
      }
    }
    if (shared != null) return store(moved);
    changed();
    return Future.succeededFuture();
  }

  /**
   * In a cluster: the agent's new state is stored (this node now renews their presence), then shown
   * and announced.
   */
  private Future<Void> store(Agent a) {
    Shared s = shared;
    return blocking(
            () -> {
              s.store().present(a, s.node(), s.lease());
              return null;
            })
        .map(
            v -> {
              served.add(a.name());
              synchronized (this) {
                writes.incrementAndGet();
                agents.put(a.name(), a);
              }
              changed();
              announce();
              if (a.free()) dispatchShared();
              return null;
            });
  }

  /**
   * An agent takes a specific waiting hand-off; false if it is gone or the agent is unknown or not
   * free. In a cluster PostgreSQL decides, and the node that owns the call is told to transfer it.
   */
  public Future<Boolean> take(long handoffId, String agentName) {
    Shared s = shared;
    if (s == null) {
      boolean taken;
      synchronized (this) {
        taken = takeLocked(handoffId, agentName);
      }
      if (taken) changed();
      return Future.succeededFuture(taken);
    }
    return blocking(() -> s.store().take(handoffId, agentName))
        .map(
            taken -> {
              if (taken.isEmpty()) return false;
              Agent busy = taken.get().agent();
              served.add(agentName);
              synchronized (this) {
                writes.incrementAndGet();
                agents.put(agentName, busy);
                elsewhere = elsewhere.stream().filter(w -> w.handoff().id() != handoffId).toList();
              }
              String owner = taken.get().ownerNode();
              if (s.node().equals(owner)) {
                settle(handoffId, Optional.of(busy));
              } else if (owner != null) {
                vertx
                    .eventBus()
                    .send(
                        TAKEN + owner,
                        new JsonObject()
                            .put("id", handoffId)
                            .put("name", busy.name())
                            .put("address", busy.address())
                            .put("since", busy.since()));
              }
              if (agentName.startsWith(AUTO_PREFIX))
                vertx.setTimer(SIMULATED_WRAP_UP_MS, t -> free(agentName));
              changed();
              announce();
              return true;
            });
  }

  /**
   * In a cluster: re-reads the desk (agents, hand-offs waiting on other nodes), learns which of
   * this node's hand-offs were taken elsewhere (a lost message costs a second, never the call), and
   * renews the presence of the agents this node serves. Runs on a worker; one at a time.
   */
  private void refresh() {
    Shared s = shared;
    if (s == null || !refreshing.compareAndSet(false, true)) return;
    long writesBefore = writes.get();
    List<Long> mine;
    synchronized (this) {
      mine = List.copyOf(waiting.keySet());
    }
    long now = System.currentTimeMillis();
    boolean renew = now - renewedAt >= s.lease().toMillis() / 3;
    blocking(
            () -> {
              if (renew) s.store().renew(s.node(), s.lease());
              return new Object[] {s.store().takers(mine), s.store().view(maxWaitMs)};
            })
        .onComplete(
            ar -> {
              refreshing.set(false);
              if (ar.failed()) {
                LOG.warn(
                    "node {}: cannot read the hand-off desk: {}",
                    s.node(),
                    ar.cause().getMessage());
                return;
              }
              if (renew) renewedAt = now;
              @SuppressWarnings("unchecked")
              java.util.Map<Long, Agent> takers = (java.util.Map<Long, Agent>) ar.result()[0];
              DeskStore.View view = (DeskStore.View) ar.result()[1];
              takers.forEach((id, agent) -> settle(id, Optional.of(agent)));
              boolean different;
              synchronized (this) {
                List<DeskStore.Waiting> others =
                    view.waiting().stream()
                        .filter(w -> !waiting.containsKey(w.handoff().id()))
                        .toList();
                different = !ids(others).equals(ids(elsewhere));
                elsewhere = others;
                elsewhereAt = System.currentTimeMillis();
                // An agent moved here while the store was being read: keep what this node wrote
                // until the next read.
                if (writes.get() == writesBefore
                    && !List.copyOf(agents.values()).equals(view.agents())) {
                  agents.clear();
                  view.agents().forEach(a -> agents.put(a.name(), a));
                  different = true;
                }
              }
              if (different) changed();
              dispatchShared();
            });
  }

  private static List<Long> ids(List<DeskStore.Waiting> list) {
    return list.stream().map(w -> w.handoff().id()).toList();
  }

  /** Tells the other nodes to re-read the desk now rather than at their next poll. */
  private void announce() {
    Shared s = shared;
    if (s != null) vertx.eventBus().publish(CHANGED, s.node());
  }

  /**
   * In a cluster: a free simulated agent this node serves takes the first waiting hand-off, through
   * the store like anyone.
   */
  private void dispatchShared() {
    if (shared == null || !dispatching.compareAndSet(false, true)) return;
    Optional<String> agent;
    Optional<Long> next;
    synchronized (this) {
      agent =
          agents.values().stream()
              .filter(
                  a -> a.free() && a.name().startsWith(AUTO_PREFIX) && served.contains(a.name()))
              .map(Agent::name)
              .findFirst();
      next = queueLocked().stream().findFirst().map(q -> q.handoff().id());
    }
    if (agent.isEmpty() || next.isEmpty()) {
      dispatching.set(false);
      return;
    }
    take(next.get(), agent.get())
        .onComplete(
            ar -> {
              dispatching.set(false);
              if (ar.succeeded() && ar.result()) dispatchShared();
            });
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    try {
      return vertx.executeBlocking(work, false);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // Vert.x is closing (a timer fired as the worker pool shut down): nothing to do any more.
      return Future.failedFuture(closing);
    }
  }

  private boolean takeLocked(long handoffId, String agentName) {
    Agent a = agents.get(agentName);
    Waiting w = waiting.get(handoffId);
    if (a == null || !a.free() || w == null) return false;
    waiting.remove(handoffId);
    vertx.cancelTimer(w.timer());
    long now = System.currentTimeMillis();
    Agent busy = new Agent(a.name(), a.address(), AgentState.ON_CALL, now);
    agents.put(a.name(), busy);
    takenBy.put(handoffId, a.name());
    resolved++;
    if (now - w.since() <= serviceLevelMs) takenInTime++;
    w.taken().tryComplete(Optional.of(busy));
    // The simulated pool has no one to write a disposition: it is free again after a short wrap-up.
    if (a.name().startsWith(AUTO_PREFIX)) vertx.setTimer(SIMULATED_WRAP_UP_MS, t -> free(a.name()));
    return true;
  }

  /** Who took a hand-off, if anyone. */
  public synchronized Optional<String> agentOf(long handoffId) {
    return Optional.ofNullable(takenBy.get(handoffId));
  }

  /** Hand-offs waiting, in the order agents should take them (in a cluster: every node's). */
  public synchronized List<Queued> queue() {
    return queueLocked();
  }

  private List<Queued> queueLocked() {
    long now = System.currentTimeMillis();
    List<Queued> out = new ArrayList<>();
    waiting.values().forEach(w -> out.add(new Queued(w.handoff(), now - w.since())));
    for (DeskStore.Waiting w : elsewhere) {
      if (!waiting.containsKey(w.handoff().id()))
        out.add(new Queued(w.handoff(), w.waitedMs() + now - elsewhereAt));
    }
    out.sort(
        Comparator.comparingInt((Queued q) -> -q.handoff().priority())
            .thenComparingLong(q -> -q.waitedMs()));
    return out;
  }

  /** Agents and their states. */
  public synchronized List<Agent> agents() {
    return List.copyOf(agents.values());
  }

  /** One agent, if signed in to the desk. */
  public synchronized Optional<Agent> agent(String name) {
    return Optional.ofNullable(agents.get(name));
  }

  public synchronized ServiceLevel serviceLevel() {
    return new ServiceLevel(serviceLevelMs, resolved, takenInTime);
  }

  /**
   * Free agents auto-accept (the demo's simulated pool): gives the next waiting hand-off to the
   * first free one.
   */
  private void dispatch() {
    for (Agent a : List.copyOf(agents.values())) {
      if (!a.free() || !a.name().startsWith(AUTO_PREFIX)) continue;
      Optional<Waiting> next = waiting.values().stream().sorted(ORDER).findFirst();
      if (next.isEmpty()) return;
      takeLocked(next.get().handoff().id(), a.name());
    }
  }

  private void changed() {
    for (Runnable l : listeners) l.run();
  }

  /**
   * Agents whose names start with this take hand-offs automatically: the demo's simulated agent
   * pool.
   */
  public static final String AUTO_PREFIX = "sim-";

  private static final long SIMULATED_WRAP_UP_MS = 3_000;

  private static final Comparator<Waiting> ORDER =
      Comparator.comparingInt((Waiting w) -> -w.handoff().priority())
          .thenComparingLong(Waiting::since);
}
