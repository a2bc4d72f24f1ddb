package com.duesline.campaign;

import java.time.Duration;
import java.util.Map;

/**
 * One step of the escalation ladder.
 *
 * @param fromDay first day past due it applies to (negative: before the due date)
 * @param toDay last day, or {@link Integer#MAX_VALUE} for open-ended
 * @param overAmountCents also applies, whatever the age, when the balance is over this (0 = no such
 *     condition)
 * @param track the talk track (calls) or template (SMS, letters)
 * @param variants variant name to weight
 * @param retries what to do after each outcome that reached no one
 * @param every a completed contact on this rung is repeated after this long; null means once
 * @param where file:line of the rung, for messages
 */
public record Rung(
    String id,
    int fromDay,
    int toDay,
    long overAmountCents,
    RungChannel channel,
    String track,
    Map<String, Integer> variants,
    Map<Outcome, RetryRule> retries,
    Duration every,
    String where) {

  /** True when an account this many days past due, owing this much, belongs on this rung. */
  public boolean matches(int daysPastDue, long balanceCents) {
    if (daysPastDue >= fromDay && daysPastDue <= toDay) return true;
    return overAmountCents > 0 && balanceCents > overAmountCents && daysPastDue > 0;
  }
}
