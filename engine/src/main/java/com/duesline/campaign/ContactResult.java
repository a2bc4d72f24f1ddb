package com.duesline.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How a contact ended, as the channel reports it.
 *
 * @param disposition what happened, in the one vocabulary stored on the attempt
 * @param outcome what it amounts to for the campaign: the disposition's, or the hold the
 *     conversation put
 * @param carrierId the carrier's call or message id, or null
 * @param promisedFor for {@link Outcome#PROMISE}: the promised date
 * @param promisedAmount for {@link Outcome#PROMISE}: the promised amount
 * @param evidence what was said or received (for opt-outs and holds: the words, with turn/message
 *     ids)
 * @param optOut the party asked to stop contact on this channel (whatever the outcome)
 * @param hold a hold the contact puts on the account ({@code dispute}, {@code attorney}, {@code
 *     bereavement}), or null
 */
public record ContactResult(
    Disposition disposition,
    Outcome outcome,
    String carrierId,
    LocalDate promisedFor,
    BigDecimal promisedAmount,
    String evidence,
    boolean optOut,
    String hold) {
  public ContactResult {
    Objects.requireNonNull(disposition, "disposition");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** One fact per outcome: an opt-out or a hold when the outcome is one. */
  public ContactResult(
      Disposition disposition,
      Outcome outcome,
      String carrierId,
      LocalDate promisedFor,
      BigDecimal promisedAmount,
      String evidence) {
    this(
        disposition,
        outcome,
        carrierId,
        promisedFor,
        promisedAmount,
        evidence,
        outcome == Outcome.OPT_OUT,
        holdOf(outcome));
  }

  /**
   * A channel that knows only the campaign outcome: its disposition is the outcome's own ({@link
   * Disposition#of}).
   */
  public ContactResult(
      Outcome outcome,
      String carrierId,
      LocalDate promisedFor,
      BigDecimal promisedAmount,
      String evidence) {
    this(Disposition.of(outcome), outcome, carrierId, promisedFor, promisedAmount, evidence);
  }

  private static String holdOf(Outcome o) {
    return o == Outcome.DISPUTE || o == Outcome.ATTORNEY || o == Outcome.BEREAVEMENT
        ? o.id()
        : null;
  }

  public static ContactResult of(Outcome outcome) {
    return new ContactResult(outcome, null, null, null, outcome.id());
  }
}
