package com.duesline.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How a contact ended, as the channel reports it.
 *
 * @param disposition what happened, in the one vocabulary stored on the attempt
 * @param outcome what it amounts to for the campaign: the disposition's, or the hold the conversation put
 * @param carrierId the carrier's call or message id, or null
 * @param promisedFor for {@link Outcome#PROMISE}: the promised date
 * @param promisedAmount for {@link Outcome#PROMISE}: the promised amount
 * @param evidence what was said or received (for opt-outs and holds: the words, with turn/message ids)
 */
public record ContactResult(Disposition disposition, Outcome outcome, String carrierId, LocalDate promisedFor, BigDecimal promisedAmount,
    String evidence) {
  public ContactResult {
    Objects.requireNonNull(disposition, "disposition");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** A channel that knows only the campaign outcome: its disposition is the outcome's own ({@link Disposition#of}). */
  public ContactResult(Outcome outcome, String carrierId, LocalDate promisedFor, BigDecimal promisedAmount, String evidence) {
    this(Disposition.of(outcome), outcome, carrierId, promisedFor, promisedAmount, evidence);
  }

  public static ContactResult of(Outcome outcome) {
    return new ContactResult(outcome, null, null, null, outcome.id());
  }
}
