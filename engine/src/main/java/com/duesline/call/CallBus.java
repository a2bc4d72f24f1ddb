package com.duesline.call;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * Carries a call's events through its stages. Each event reaches every stage in the fixed order
 * before the next event is dispatched (events emitted while handling one are queued behind it), so
 * every stage sees the same order. Only the call's context emits; other threads {@link #post}.
 */
final class CallBus {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallBus.class);
  private final CallContext context;
  private final Queue<CallEvent> queue = new ArrayDeque<>();
  private List<CallStage> stages = List.of();
  private final List<CallStage> taps = new java.util.concurrent.CopyOnWriteArrayList<>();
  private boolean dispatching;

  CallBus(CallContext context) {
    this.context = context;
  }

  void stages(List<CallStage> stages) {
    this.stages = List.copyOf(stages);
  }

  /** Adds an observer after the stages (listen-in, tests); it must not block. */
  void tap(CallStage tap) {
    taps.add(tap);
  }

  void untap(CallStage tap) {
    taps.remove(tap);
  }

  /** Emits from the call's context. */
  void emit(CallEvent event) {
    queue.add(event);
    if (dispatching) return;
    dispatching = true;
    try {
      CallEvent next;
      while ((next = queue.poll()) != null) {
        for (CallStage s : stages) deliver(s, next);
        for (CallStage t : taps) deliver(t, next);
      }
    } finally {
      dispatching = false;
    }
  }

  private static void deliver(CallStage stage, CallEvent event) {
    try {
      stage.on(event);
    } catch (RuntimeException e) {
      // One stage's bug must not stall the call's other stages or its later events.
      LOG.warn(
          "call stage {} failed on {}: {}",
          stage.getClass().getSimpleName(),
          event.getClass().getSimpleName(),
          e.toString(),
          e);
    }
  }

  /** Emits from any thread (the event is dispatched on the call's context). */
  void post(CallEvent event) {
    context.run(() -> emit(event));
  }

  CallContext context() {
    return context;
  }
}
