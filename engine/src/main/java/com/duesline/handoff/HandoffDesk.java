package com.duesline.handoff;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The queue between the bot and human agents: a hand-off waits here (highest priority, then oldest,
 * first) until a free agent takes it or the wait limit passes, when the caller is offered a callback
 * instead. Agents sign in with the address their calls are transferred to and move through free → on
 * call → wrap-up → free (or away). Thread-safe: calls arrive on different event loops.
 */
public final class HandoffDesk {
  private final Vertx vertx;
  private final long maxWaitMs;
  private final long serviceLevelMs;
  private final Map<Long, Waiting> waiting = new LinkedHashMap<>();
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<Long, String> takenBy = new LinkedHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private int resolved;
  private int takenInTime;

  /** A hand-off as agents see it: why, a one-paragraph summary, and its priority (higher first). */
  public record Handoff(long id, long attemptId, String reason, String summary, int priority) {
    public Handoff(long id, long attemptId, String reason, String summary) {
      this(id, attemptId, reason, summary, 0);
    }
  }

  /** Where an agent is in their work. */
  public enum AgentState { FREE, ON_CALL, WRAP_UP, AWAY }

  /** An agent: a name, where their calls go (E.164 or sip:), their state and since when (epoch ms). */
  public record Agent(String name, String address, AgentState state, long since) {
    public boolean free() {
      return state == AgentState.FREE;
    }
  }

  /** A waiting hand-off with how long it has waited. */
  public record Queued(Handoff handoff, long waitedMs) {}

  /** Share of resolved hand-offs an agent took within the service-level time (1.0 when none resolved yet). */
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

  /** Queues a hand-off; completes with the agent who took it, or empty when nobody did in time. */
  public Future<Optional<Agent>> offer(Handoff h) {
    Promise<Optional<Agent>> p = Promise.promise();
    synchronized (this) {
      long timer = vertx.setTimer(maxWaitMs, id -> expire(h.id()));
      waiting.put(h.id(), new Waiting(h, System.currentTimeMillis(), p, timer));
      dispatch();
    }
    changed();
    return p.future();
  }

  private void expire(long handoffId) {
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

  /** An agent signs in (or changes address) and is free. */
  public void signIn(String name, String address) {
    synchronized (this) {
      agents.put(name, new Agent(name, address, AgentState.FREE, System.currentTimeMillis()));
      dispatch();
    }
    changed();
  }

  /** The agent finished wrap-up and can take the next hand-off. */
  public void free(String name) {
    move(name, AgentState.FREE);
  }

  /** The agent is writing up the call they took. */
  public void wrapUp(String name) {
    move(name, AgentState.WRAP_UP);
  }

  /** The agent takes no hand-offs for now. */
  public void away(String name) {
    move(name, AgentState.AWAY);
  }

  private void move(String name, AgentState state) {
    synchronized (this) {
      Agent a = agents.get(name);
      if (a == null || a.state() == state) return;
      agents.put(name, new Agent(a.name(), a.address(), state, System.currentTimeMillis()));
      if (state == AgentState.FREE) dispatch();
    }
    changed();
  }

  /** An agent takes a specific waiting hand-off; false if it is gone or the agent is unknown or not free. */
  public boolean take(long handoffId, String agentName) {
    boolean taken;
    synchronized (this) {
      taken = takeLocked(handoffId, agentName);
    }
    if (taken) changed();
    return taken;
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

  /** Hand-offs waiting, in the order agents should take them. */
  public synchronized List<Queued> queue() {
    long now = System.currentTimeMillis();
    List<Queued> out = new ArrayList<>();
    waiting.values().stream().sorted(ORDER).forEach(w -> out.add(new Queued(w.handoff(), now - w.since())));
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

  /** Free agents auto-accept (the demo's simulated pool): gives the next waiting hand-off to the first free one. */
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

  /** Agents whose names start with this take hand-offs automatically: the demo's simulated agent pool. */
  public static final String AUTO_PREFIX = "sim-";
  private static final long SIMULATED_WRAP_UP_MS = 3_000;

  private static final Comparator<Waiting> ORDER =
      Comparator.comparingInt((Waiting w) -> -w.handoff().priority()).thenComparingLong(Waiting::since);
}
