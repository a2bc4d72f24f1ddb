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

/**
 * The queue between the bot and human agents: a hand-off waits here (highest priority, then oldest,
 * first) until a free agent takes it or the wait limit passes, when the caller is offered a callback
 * instead. Agents sign in with the address their calls are transferred to. Thread-safe: calls arrive on
 * different event loops.
 */
public final class HandoffDesk {
  private final Vertx vertx;
  private final long maxWaitMs;
  private final Map<Long, Waiting> waiting = new LinkedHashMap<>();
  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<Long, String> takenBy = new LinkedHashMap<>();

  /** A hand-off as agents see it: why, a one-paragraph summary, and its priority (higher first). */
  public record Handoff(long id, long attemptId, String reason, String summary, int priority) {
    public Handoff(long id, long attemptId, String reason, String summary) {
      this(id, attemptId, reason, summary, 0);
    }
  }

  /** An agent: a name, where their calls go (E.164 or sip:), and whether they are free. */
  public record Agent(String name, String address, boolean free) {}

  private record Waiting(Handoff handoff, long since, Promise<Optional<Agent>> taken, long timer) {}

  public HandoffDesk(Vertx vertx, long maxWaitMs) {
    this.vertx = vertx;
    this.maxWaitMs = maxWaitMs;
  }

  /** Queues a hand-off; completes with the agent who took it, or empty when nobody did in time. */
  public synchronized Future<Optional<Agent>> offer(Handoff h) {
    Promise<Optional<Agent>> p = Promise.promise();
    long timer = vertx.setTimer(maxWaitMs, id -> expire(h.id()));
    waiting.put(h.id(), new Waiting(h, System.currentTimeMillis(), p, timer));
    dispatch();
    return p.future();
  }

  private synchronized void expire(long handoffId) {
    Waiting w = waiting.remove(handoffId);
    if (w != null) w.taken().tryComplete(Optional.empty());
  }

  /** An agent signs in (or changes address) and is free. */
  public synchronized void signIn(String name, String address) {
    agents.put(name, new Agent(name, address, true));
    dispatch();
  }

  /** The agent finished wrap-up and can take the next hand-off. */
  public synchronized void free(String name) {
    Agent a = agents.get(name);
    if (a != null) agents.put(name, new Agent(a.name(), a.address(), true));
    dispatch();
  }

  /** An agent takes a specific waiting hand-off; false if it is gone or the agent is unknown or busy. */
  public synchronized boolean take(long handoffId, String agentName) {
    Agent a = agents.get(agentName);
    Waiting w = waiting.get(handoffId);
    if (a == null || !a.free() || w == null) return false;
    waiting.remove(handoffId);
    vertx.cancelTimer(w.timer());
    agents.put(a.name(), new Agent(a.name(), a.address(), false));
    takenBy.put(handoffId, a.name());
    w.taken().tryComplete(Optional.of(a));
    return true;
  }

  /** Who took a hand-off, if anyone. */
  public synchronized Optional<String> agentOf(long handoffId) {
    return Optional.ofNullable(takenBy.get(handoffId));
  }

  /** Hand-offs waiting, in the order agents should take them, with their wait in ms. */
  public synchronized List<Map.Entry<Handoff, Long>> queue() {
    long now = System.currentTimeMillis();
    List<Map.Entry<Handoff, Long>> out = new ArrayList<>();
    waiting.values().stream().sorted(ORDER).forEach(w -> out.add(Map.entry(w.handoff(), now - w.since())));
    return out;
  }

  /** Agents and whether each is free. */
  public synchronized List<Agent> agents() {
    return List.copyOf(agents.values());
  }

  /** Free agents auto-accept (the demo's simulated pool): gives the next waiting hand-off to the first free one. */
  private synchronized void dispatch() {
    for (Agent a : agents.values()) {
      if (!a.free() || !a.name().startsWith(AUTO_PREFIX)) continue;
      Optional<Waiting> next = waiting.values().stream().sorted(ORDER).findFirst();
      if (next.isEmpty()) return;
      take(next.get().handoff().id(), a.name());
    }
  }

  /** Agents whose names start with this take hand-offs automatically: the demo's simulated agent pool. */
  public static final String AUTO_PREFIX = "sim-";

  private static final Comparator<Waiting> ORDER =
      Comparator.comparingInt((Waiting w) -> -w.handoff().priority()).thenComparingLong(Waiting::since);
}
