package com.duesline.call;

import com.duesline.telephony.carrier.AmdEvent;
import com.duesline.telephony.carrier.AmdResult;
import com.duesline.telephony.carrier.CallStatus;
import com.duesline.telephony.carrier.CallStatusEvent;
import com.duesline.telephony.carrier.CarrierListener;
import com.duesline.telephony.carrier.InboundSms;
import com.duesline.telephony.carrier.MediaSession;
import com.duesline.telephony.carrier.RecordingEvent;
import com.duesline.telephony.carrier.SmsKeyword;
import com.duesline.telephony.carrier.SmsStatus;
import com.duesline.telephony.carrier.SmsStatusEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier's webhooks on a cluster node, where any node may receive them (a load balancer in
 * front): each is stored first, once ({@link CarrierEventStore}: a retry or the same event on two
 * nodes is dropped), then handled once by the node that owns the call, which alone holds it in
 * memory: this node directly, another over the event bus. A lost message, or an event that arrived
 * before its call's id was stored, is found by the owner's poll of the store a second later. SMS
 * callbacks have no call: the node that received them handles them. The Media Streams socket is not
 * forwarded: it is opened to the owner.
 */
public final class CarrierEventRouter implements CarrierListener {
  private static final Logger LOG = LoggerFactory.getLogger(CarrierEventRouter.class);

  /**
   * Where a node hears that an event it owns was stored ({@code + node id}; the body is the event's
   * id).
   */
  static final String ADDRESS = "duesline.carrier.";

  private static final long POLL_MS = 1_000;

  private final Vertx vertx;
  private final CarrierEventStore store;
  private final String node;
  private final CarrierListener owner;
  private final AtomicBoolean polling = new AtomicBoolean();

  /**
   * Routes the webhooks this node receives; {@code owner} handles the events of this node's calls.
   */
  public CarrierEventRouter(
      Vertx vertx, CarrierEventStore store, String node, CarrierListener owner) {
    this.vertx = vertx;
    this.store = store;
    this.node = node;
    this.owner = owner;
    vertx.eventBus().<Long>consumer(ADDRESS + node, m -> handle(m.body()));
    vertx.setPeriodic(POLL_MS, POLL_MS, id -> poll());
  }

  @Override
  public void onCallStatus(CallStatusEvent e) {
    route(
        "status:" + e.callSid() + ":" + e.status().name().toLowerCase(),
        "call_status",
        e.callSid(),
        new JsonObject()
            .put("call", e.callSid())
            .put("to", e.to())
            .put("status", e.status().name())
            .put("duration", e.durationSeconds())
            .put("at", e.at().toString()));
  }

  @Override
  public void onAmd(AmdEvent e) {
    route(
        "amd:" + e.callSid(),
        "amd",
        e.callSid(),
        new JsonObject()
            .put("call", e.callSid())
            .put("result", e.result().name())
            .put("millis", e.detectionMillis())
            .put("at", e.at().toString()));
  }

  @Override
  public void onRecording(RecordingEvent e) {
    route(
        "recording:" + e.recordingSid(),
        "recording",
        e.callSid(),
        new JsonObject()
            .put("call", e.callSid())
            .put("recording", e.recordingSid())
            .put("url", e.url())
            .put("seconds", e.durationSeconds())
            .put("channels", e.channels())
            .put("at", e.at().toString()));
  }

  @Override
  public void onInboundSms(InboundSms s) {
    route(
        "sms:" + s.messageSid(),
        "sms",
        null,
        new JsonObject()
            .put("message", s.messageSid())
            .put("from", s.from())
            .put("to", s.to())
            .put("body", s.body())
            .put("keyword", s.keyword().name())
            .put("at", s.at().toString()));
  }

  @Override
  public void onSmsStatus(SmsStatusEvent e) {
    route(
        "sms_status:" + e.messageSid() + ":" + e.status().name().toLowerCase(),
        "sms_status",
        null,
        new JsonObject()
            .put("message", e.messageSid())
            .put("to", e.to())
            .put("status", e.status().name())
            .put("error", e.errorCode())
            .put("at", e.at().toString()));
  }

  @Override
  public void onMediaSession(MediaSession session) {
    owner.onMediaSession(session);
  }

  /**
   * Stores the event once, then hands it to its owner: here, or over the event bus, or (owner not
   * known yet) to the poll.
   */
  private void route(String key, String kind, String callSid, JsonObject payload) {
    blocking(() -> store.record(key, kind, callSid, payload, node))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                // The webhook was answered already; the carrier's own retry or the reconciler
                // covers a store that is down.
                LOG.warn(
                    "node {}: carrier event {} not stored: {}", node, key, ar.cause().getMessage());
                return;
              }
              if (ar.result().isEmpty()) {
                LOG.debug(
                    "node {}: carrier event {} stored already (a retry, or another node has it)",
                    node,
                    key);
                return;
              }
              CarrierEventStore.Stored stored = ar.result().get();
              if (node.equals(stored.owner())) handle(stored.id());
              else if (stored.owner() != null)
                vertx.eventBus().send(ADDRESS + stored.owner(), stored.id());
            });
  }

  /** Claims one of this node's events and hands it to the listener of its calls, once. */
  private void handle(long id) {
    blocking(() -> store.claim(id, node))
        .onComplete(
            ar -> {
              if (ar.failed())
                LOG.warn(
                    "node {}: carrier event {} not claimed: {}", node, id, ar.cause().getMessage());
              else ar.result().ifPresent(this::deliver);
            });
  }

  private void poll() {
    if (!polling.compareAndSet(false, true)) return;
    blocking(() -> store.unhandled(node, POLL_MS))
        .onComplete(
            ar -> {
              polling.set(false);
              if (ar.failed())
                LOG.warn(
                    "node {}: cannot read unhandled carrier events: {}",
                    node,
                    ar.cause().getMessage());
              else ar.result().forEach(this::handle);
            });
  }

  private void deliver(CarrierEventStore.Event e) {
    JsonObject p = e.payload();
    Instant at = Instant.parse(p.getString("at"));
    switch (e.kind()) {
      case "call_status" ->
          owner.onCallStatus(
              new CallStatusEvent(
                  p.getString("call"),
                  p.getString("to"),
                  CallStatus.valueOf(p.getString("status")),
                  p.getInteger("duration"),
                  at));
      case "amd" ->
          owner.onAmd(
              new AmdEvent(
                  p.getString("call"),
                  AmdResult.valueOf(p.getString("result")),
                  p.getInteger("millis"),
                  at));
      case "recording" ->
          owner.onRecording(
              new RecordingEvent(
                  p.getString("call"),
                  p.getString("recording"),
                  p.getString("url"),
                  p.getInteger("seconds"),
                  p.getInteger("channels"),
                  at));
      case "sms" ->
          owner.onInboundSms(
              new InboundSms(
                  p.getString("message"),
                  p.getString("from"),
                  p.getString("to"),
                  p.getString("body"),
                  SmsKeyword.valueOf(p.getString("keyword")),
                  at));
      case "sms_status" ->
          owner.onSmsStatus(
              new SmsStatusEvent(
                  p.getString("message"),
                  p.getString("to"),
                  SmsStatus.valueOf(p.getString("status")),
                  p.getString("error"),
                  at));
      default ->
          LOG.warn(
              "node {}: carrier event {} of unknown kind '{}' left unhandled",
              node,
              e.id(),
              e.kind());
    }
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    try {
      return vertx.executeBlocking(work, false);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // Vert.x is closing (a timer fired as the worker pool shut down): nothing to do any more.
      return Future.failedFuture(closing);
    }
  }
}
