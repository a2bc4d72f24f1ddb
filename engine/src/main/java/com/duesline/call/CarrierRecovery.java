package com.duesline.call;

import com.duesline.call.CallJournal.OpenAttempt;
import com.duesline.campaign.ContactResult;
import com.duesline.campaign.Disposition;
import com.duesline.campaign.LostContacts;
import com.duesline.campaign.TaskStore;
import com.duesline.telephony.carrier.CallState;
import com.duesline.telephony.carrier.Carrier;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a call whose node was lost mid-contact, with the carrier, before anything is redialed:
 * the call is found by its id, or, when the lost node died between asking the carrier and storing
 * the id, among the calls to that number since the attempt began. A call still ringing or live is
 * hung up (its conversation died with the node) and the attempt gets the carrier's word; when the
 * carrier has no such call, none was placed.
 */
public final class CarrierRecovery implements LostContacts {
  private static final Logger LOG = LoggerFactory.getLogger(CarrierRecovery.class);
  private final Carrier carrier;

  public CarrierRecovery(Carrier carrier) {
    this.carrier = carrier;
  }

  @Override
  public CompletionStage<ContactResult> resolve(TaskStore.Lost lost) {
    if (!"voice".equals(lost.task().channel())) {
      // A message with an id was accepted; without one nobody can tell, and it is retried with
      // backoff.
      return Future.succeededFuture(
              lost.carrierId() != null
                  ? new ContactResult(
                      Disposition.DELIVERED,
                      Disposition.DELIVERED.outcome(),
                      lost.carrierId(),
                      null,
                      null,
                      "lease expired after the message was accepted")
                  : new ContactResult(
                      Disposition.CARRIER_ERROR,
                      Disposition.CARRIER_ERROR.outcome(),
                      null,
                      null,
                      null,
                      "lease expired: node lost before the message id was stored"))
          .toCompletionStage();
    }
    Future<Optional<CallState>> found =
        lost.carrierId() != null
            ? carrier.callState(lost.carrierId()).map(Optional::of)
            : carrier.callsTo(lost.task().e164(), lost.startedAt()).map(CarrierRecovery::latest);
    return found
        .compose(
            state -> {
              if (state.isEmpty()) {
                return Future.succeededFuture(
                    new ContactResult(
                        Disposition.CARRIER_ERROR,
                        Disposition.CARRIER_ERROR.outcome(),
                        null,
                        null,
                        null,
                        "lease expired: node lost before the call was placed (the carrier has no call to the number since the attempt began)"));
              }
              CallState s = state.get();
              Future<CallState> settled =
                  s.status().isFinal()
                      ? Future.succeededFuture(s)
                      : carrier.hangUp(s.callSid()).compose(v -> carrier.callState(s.callSid()));
              return settled.map(
                  end -> {
                    String d =
                        CallReconciler.disposition(
                            new OpenAttempt(
                                lost.attemptId(),
                                end.callSid(),
                                lost.task().id(),
                                lost.answered(),
                                lost.amd()),
                            end);
                    LOG.info(
                        "attempt {}: lost by its node; carrier says {} ({}), settled as {}",
                        lost.attemptId(),
                        s.status().wire(),
                        s.status().isFinal() ? "finished" : "hung up",
                        d);
                    Disposition disposition = Disposition.parse(d);
                    return new ContactResult(
                        disposition,
                        disposition.outcome(),
                        end.callSid(),
                        null,
                        null,
                        "lease expired: node lost mid-call; carrier status "
                            + s.status().wire()
                            + (s.status().isFinal() ? "" : ", hung up")
                            + ", "
                            + end.durationSeconds()
                            + " s");
                  });
            })
        .toCompletionStage();
  }

  private static Optional<CallState> latest(List<CallState> calls) {
    return calls.isEmpty() ? Optional.empty() : Optional.of(calls.get(calls.size() - 1));
  }
}
