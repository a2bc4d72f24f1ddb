package com.duesline.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How a contact ended, as the channel reports it.
 *
 * @param carrierId the carrier's call or message id, or null
 * @param promisedFor for {@link Outcome#PROMISE}: the promised date
 * @param promisedAmount for {@link Outcome#PROMISE}: the promised amount
 * @param evidence what was said or received (for opt-outs and holds: the words, with turn/message ids)
 */
public record ContactResult(Outcome outcome, String carrierId, LocalDate promisedFor, BigDecimal promisedAmount, String evidence) {
  public static ContactResult of(Outcome outcome) {
    return new ContactResult(outcome, null, null, null, outcome.id());
  }
}
