package com.duesline.call;

import com.duesline.call.CallJournal.OpenAttempt;
import com.duesline.telephony.carrier.CallState;
import com.duesline.telephony.carrier.Carrier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On start, settles the calls a stopped engine left open: each voice attempt without an end is
 * looked up at the carrier. A call still ringing or live is hung up (nobody is running its
 * conversation any more) and closed; a finished one is recorded with the carrier's status and
 * duration; one the carrier does not know (the in-process local carrier died with the old engine)
 * is closed as dropped. The task goes back to the planner, whose retry rules reschedule it; every
 * decision is audited. Blocking: run it on a worker or at start-up, before the dialer places new
 * calls.
 */
public final class CallReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(CallReconciler.class);
  private static final long CARRIER_TIMEOUT_SECONDS = 20;

  private final CallJournal journal;
  private final Carrier carrier;
  private final String carrierName;

  public CallReconciler(CallJournal journal, Carrier carrier, String carrierName) {
    this.journal = journal;
    this.carrier = carrier;
    this.carrierName = carrierName;
  }

  /** What one run did: attempts found open, hung up at the carrier, and closed by this run. */
  public record Result(int open, int hungUp, int closed) {}

  /** Reconciles every open attempt of this carrier. */
  public Result run() {
    int open = 0, hungUp = 0, closed = 0;
    for (OpenAttempt a : journal.openAttempts(carrierName)) {
      open++;
      JsonObject decision = new JsonObject().put("call_sid", a.callSid());
      if (a.callSid() == null) {
        // Opened but never handed to the carrier: no call exists.
        if (journal.reconciled(
            a.id(), "carrier_error", null, null, decision.put("decision", "never placed")))
          closed++;
        continue;
      }
      CallState state;
      try {
        state = await(carrier.callState(a.callSid()));
      } catch (Exception e) {
        boolean closedNow =
            journal.reconciled(
                a.id(),
                a.answered() ? "dropped" : "carrier_error",
                null,
                null,
                decision
                    .put("decision", "carrier does not know the call")
                    .put("carrier_error", String.valueOf(e.getMessage())));
        if (closedNow) closed++;
        continue;
      }
      decision.put("carrier_status_found", state.status().wire());
      if (!state.status().isFinal()) {
        try {
          await(carrier.hangUp(a.callSid()));
          hungUp++;
          state = await(carrier.callState(a.callSid()));
          decision.put("decision", "hung up: no conversation runs it any more");
        } catch (Exception e) {
          decision
              .put("decision", "hang-up failed")
              .put("carrier_error", String.valueOf(e.getMessage()));
        }
      } else {
        decision.put("decision", "finished while the engine was down");
      }
      decision
          .put("carrier_status", state.status().wire())
          .put("duration_s", state.durationSeconds());
      if (journal.reconciled(
          a.id(), disposition(a, state), state.status().wire(), state.durationSeconds(), decision))
        closed++;
    }
    Result r = new Result(open, hungUp, closed);
    if (open > 0) LOG.info("reconciled calls left open by a stopped engine: {}", r);
    return r;
  }

  /**
   * The attempt's disposition from what the carrier says: an answered call that ended without its
   * conversation finishing is "dropped" (the planner retries it like an unanswered one), a machine
   * is "voicemail", the rest keep the carrier's own word.
   */
  static String disposition(OpenAttempt a, CallState s) {
    if (CallEnding.machine(a.amd())) return "voicemail";
    return switch (s.status()) {
      case COMPLETED -> a.answered() || s.durationSeconds() > 0 ? "dropped" : "no_answer";
      case BUSY -> "busy";
      case NO_ANSWER -> "no_answer";
      case FAILED -> "carrier_error";
      case CANCELED -> "canceled";
      case QUEUED, RINGING, IN_PROGRESS -> a.answered() ? "dropped" : "canceled";
    };
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage()
        .toCompletableFuture()
        .get(CARRIER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
