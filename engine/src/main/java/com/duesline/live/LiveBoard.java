package com.duesline.live;

import com.duesline.call.CallCoordinator.DialRequest;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.call.CallWatcher;
import com.duesline.handoff.HandoffDesk;
import com.duesline.telephony.carrier.PhoneMask;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What supervisors watch: every call in progress (who, track and node, time in call, what was said,
 * last intent, flags) and the hand-off queue with its agents. Each change is published on the event
 * bus at {@link #ADDRESS} as {@code {"type": ..., "data": ...}}; {@link #snapshot()} gives the
 * whole board to a viewer who just connected. Phones are always masked here: a wallboard needs no
 * full number. In a cluster the event bus carries every node's events to every node: each event
 * names its node and that node's sequence number ({@code origin}, {@code seq}), the snapshot
 * includes the other nodes' calls, and the latest events are kept so a page reconnecting to another
 * node catches up.
 */
public final class LiveBoard implements CallWatcher {
  /** Event-bus address of the board's changes. */
  public static final String ADDRESS = "duesline.live";

  /** Caller intents that flag a call for the supervisor's attention. */
  private static final Set<String> ALERT_INTENTS =
      Set.of("abusive", "attorney", "stop_contact", "request_human", "bereavement");

  private static final int TRANSCRIPT_LIMIT = 200;

  private final Vertx vertx;
  private final HandoffDesk desk;
  private final Map<Long, JsonObject> calls = new ConcurrentHashMap<>();

  /**
   * The latest QA verdicts of finished calls, newest first, so a supervisor who opens the board
   * sees the flagged ones.
   */
  private final java.util.Deque<JsonObject> checked =
      new java.util.concurrent.ConcurrentLinkedDeque<>();

  private static final int CHECKED_LIMIT = 50;
  private volatile java.util.function.BiConsumer<Long, JsonObject> afterEnded = (id, call) -> {};

  /**
   * This node's name on its events ({@code origin}); calls of other origins are other nodes' (a
   * clustered event bus carries them here).
   */
  private volatile String origin = "local";

  private final java.util.concurrent.atomic.AtomicLong seq =
      new java.util.concurrent.atomic.AtomicLong();

  /** Calls in progress on other nodes, as their events describe them. */
  private final Map<Long, JsonObject> remote = new ConcurrentHashMap<>();

  /**
   * The latest events of every node, in the order they arrived here, for a page that reconnects
   * (SSE Last-Event-ID).
   */
  private final java.util.Deque<JsonObject> recent =
      new java.util.concurrent.ConcurrentLinkedDeque<>();

  private static final int RECENT_LIMIT = 2000;

  public LiveBoard(Vertx vertx, HandoffDesk desk) {
    this.vertx = vertx;
    this.desk = desk;
    if (desk != null) desk.onChange(() -> publish("queue", queue()));
    vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> heard(m.body()));
  }

  /**
   * Names this node on the events it publishes (the cluster node id); the default is {@code local}.
   */
  public void origin(String node) {
    this.origin = node;
  }

  /**
   * Every event, this node's and the others': kept for replay, and other nodes' calls tracked for
   * the snapshot.
   */
  private void heard(JsonObject ev) {
    recent.addLast(ev);
    while (recent.size() > RECENT_LIMIT) recent.pollFirst();
    if (origin.equals(ev.getString("origin"))) return;
    JsonObject data = ev.getJsonObject("data");
    if (data == null || data.getLong("id") == null) return;
    long id = data.getLong("id");
    switch (ev.getString("type", "")) {
      case "call" ->
          remote.compute(
              id,
              (k, old) -> {
                JsonObject call = data.copy().put("origin", ev.getString("origin"));
                call.put(
                    "transcript", old == null ? new JsonArray() : old.getJsonArray("transcript"));
                return call;
              });
      case "turn" -> {
        JsonObject call = remote.get(id);
        if (call != null)
          synchronized (call) {
            JsonArray transcript = call.getJsonArray("transcript");
            if (transcript.size() >= TRANSCRIPT_LIMIT) transcript.remove(0);
            transcript.add(data.copy());
          }
      }
      case "ended" -> remote.remove(id);
      default -> {}
    }
  }

  /**
   * The events that arrived here after the one with SSE id {@code lastEventId} ({@code
   * origin:seq}), for a page reconnecting to this node (perhaps from another); empty when it is no
   * longer kept (then the page gets a fresh snapshot).
   */
  public java.util.Optional<List<JsonObject>> since(String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) return java.util.Optional.empty();
    List<JsonObject> after = new java.util.ArrayList<>();
    boolean found = false;
    for (JsonObject ev : recent) {
      if (found) after.add(ev);
      else if (lastEventId.equals(eventId(ev))) found = true;
    }
    return found ? java.util.Optional.of(after) : java.util.Optional.empty();
  }

  /** The SSE id of an event: its node and that node's sequence number. */
  public static String eventId(JsonObject ev) {
    return ev.getString("origin") + ":" + ev.getLong("seq");
  }

  @Override
  public void placed(long attemptId, DialRequest r) {
    Object unit = r.facts().getOrDefault("unit", String.valueOf(r.who().unitId()));
    JsonObject call =
        new JsonObject()
            .put("id", attemptId)
            .put("unit", String.valueOf(unit))
            .put("phone", PhoneMask.mask(r.to()))
            .put("track", r.track().id())
            .put("lang", r.track().lang())
            .put("node", r.track().start())
            .put("state", "ringing")
            .put("started_at", System.currentTimeMillis())
            .put("said", "")
            .put("partial", "")
            .put("intent", null)
            .put("score", null)
            .put("flags", new JsonArray())
            .put("transcript", new JsonArray());
    calls.put(attemptId, call);
    publish("call", summary(call));
  }

  @Override
  public void answered(long attemptId, String amd) {
    JsonObject call = calls.get(attemptId);
    if (call == null) return;
    synchronized (call) {
      call.put("state", "talking").put("answered_at", System.currentTimeMillis());
    }
    publish("call", summary(call));
  }

  @Override
  public void turn(long attemptId, TurnRecord t) {
    JsonObject call = calls.get(attemptId);
    if (call == null) return;
    boolean bargeIn = "[barge-in]".equals(t.text());
    JsonObject turn =
        new JsonObject()
            .put("id", attemptId)
            .put("speaker", t.speaker())
            .put("text", t.text())
            .put("node", t.node())
            .put("intent", t.intent())
            .put("score", t.intent() == null ? null : round(t.score()))
            .put("at", System.currentTimeMillis());
    synchronized (call) {
      JsonArray transcript = call.getJsonArray("transcript");
      if (transcript.size() >= TRANSCRIPT_LIMIT) transcript.remove(0);
      transcript.add(turn);
      if (t.node() != null) call.put("node", t.node());
      if (bargeIn) addFlag(call, "barge-in");
      if (t.speaker().equals("caller")) {
        call.put("said", t.text())
            .put("partial", "")
            .put("intent", t.intent())
            .put("score", turn.getValue("score"));
        call.getJsonArray("flags").remove("barge-in");
        if (t.intent() != null && ALERT_INTENTS.contains(t.intent())) addFlag(call, t.intent());
      }
    }
    publish("turn", turn);
    publish("call", summary(call));
  }

  @Override
  public void partial(long attemptId, String words) {
    JsonObject call = calls.get(attemptId);
    if (call == null) return;
    synchronized (call) {
      call.put("partial", words);
    }
    publish("partial", new JsonObject().put("id", attemptId).put("words", words));
  }

  @Override
  public void ended(long attemptId, String disposition) {
    JsonObject call = calls.remove(attemptId);
    if (call == null) return;
    publish("ended", new JsonObject().put("id", attemptId).put("disposition", disposition));
    afterEnded.accept(attemptId, summary(call));
  }

  /**
   * Called with each call's attempt id and last summary once it has ended and its turns are stored
   * (QA checks it then).
   */
  public void afterEnded(java.util.function.BiConsumer<Long, JsonObject> listener) {
    this.afterEnded = listener == null ? (id, call) -> {} : listener;
  }

  /**
   * A finished call's QA verdict ({@code {id, unit, track, score, passed, findings}}): kept for the
   * board and published as {@code qa}.
   */
  public void checked(JsonObject verdict) {
    // A call checked again (a person's part heard from its recording) keeps only its latest
    // verdict.
    checked.removeIf(v -> java.util.Objects.equals(v.getValue("id"), verdict.getValue("id")));
    checked.addFirst(verdict.copy());
    while (checked.size() > CHECKED_LIMIT) checked.pollLast();
    publish("qa", verdict.copy());
  }

  /** The whole board: calls with their transcripts so far, and the queue. */
  public JsonObject snapshot() {
    JsonArray list = new JsonArray();
    for (JsonObject call : calls.values()) {
      synchronized (call) {
        list.add(call.copy().put("origin", origin));
      }
    }
    // The calls of the other nodes of a cluster: one board for the supervisor whichever node serves
    // it.
    for (JsonObject call : remote.values()) {
      synchronized (call) {
        list.add(call.copy());
      }
    }
    return new JsonObject()
        .put("calls", list)
        .put("queue", queue())
        .put("checked", new JsonArray(List.copyOf(checked)))
        .put("now", System.currentTimeMillis());
  }

  /** Calls in progress. */
  public int size() {
    return calls.size();
  }

  /** The hand-off queue, its agents and the service level. */
  public JsonObject queue() {
    JsonArray waiting = new JsonArray();
    JsonArray agents = new JsonArray();
    JsonObject level = new JsonObject();
    if (desk != null) {
      for (HandoffDesk.Queued q : desk.queue()) {
        waiting.add(
            new JsonObject()
                .put("id", q.handoff().id())
                .put("attempt", q.handoff().attemptId())
                .put("priority", q.handoff().priority())
                .put("waited_ms", q.waitedMs())
                .put("reason", q.handoff().reason())
                .put("summary", q.handoff().summary()));
      }
      long now = System.currentTimeMillis();
      for (HandoffDesk.Agent a : desk.agents()) {
        agents.add(
            new JsonObject()
                .put("name", a.name())
                .put("state", a.state().name().toLowerCase())
                .put("for_ms", now - a.since()));
      }
      HandoffDesk.ServiceLevel sl = desk.serviceLevel();
      level
          .put("target_ms", sl.targetMs())
          .put("resolved", sl.resolved())
          .put("taken_in_time", sl.takenInTime())
          .put("share", sl.share());
    }
    return new JsonObject()
        .put("waiting", waiting)
        .put("agents", agents)
        .put("service_level", level)
        .put("now", System.currentTimeMillis());
  }

  /**
   * Publishes one event, stamped with when it left the engine (pages use it to show and measure
   * staleness).
   */
  void publish(String type, JsonObject data) {
    data.put("sent_at", System.currentTimeMillis());
    vertx
        .eventBus()
        .publish(
            ADDRESS,
            new JsonObject()
                .put("type", type)
                .put("data", data)
                .put("origin", origin)
                .put("seq", seq.incrementAndGet()));
  }

  private static JsonObject summary(JsonObject call) {
    synchronized (call) {
      JsonObject s = call.copy();
      s.remove("transcript");
      return s;
    }
  }

  private static void addFlag(JsonObject call, String flag) {
    JsonArray flags = call.getJsonArray("flags");
    if (!flags.contains(flag)) flags.add(flag);
  }

  private static double round(double score) {
    return Math.round(score * 1000) / 1000.0;
  }
}
