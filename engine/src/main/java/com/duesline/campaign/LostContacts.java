package com.duesline.campaign;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How a node settles a contact another node lost mid-way (its lease ran out): it asks whoever knows
 * what happened (the carrier) and answers the contact's result, which the dialer then records under
 * its own claim. Nothing is redialed before this answer: the lost node may have placed the call.
 */
@FunctionalInterface
public interface LostContacts {
  CompletionStage<ContactResult> resolve(TaskStore.Lost lost);

  /**
   * Nobody to ask (a channel with no carrier behind it): the contact is counted as made and failed,
   * to be retried with backoff.
   */
  LostContacts UNASKED =
      lost ->
          CompletableFuture.completedFuture(
              new ContactResult(
                  Disposition.DROPPED,
                  Outcome.CARRIER_ERROR,
                  lost.carrierId(),
                  null,
                  null,
                  "lease expired: node lost mid-contact; no carrier to ask"));
}
