package com.duesline.conversation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a conversation achieved so far: a disposition code, a promise or plan if agreed, an opt-out,
 * a hold that stops collection, a hand-off to a human, a complaint to follow up.
 */
public record Outcome(
    String disposition,
    PromiseToPay promise,
    Plan plan,
    boolean optOut,
    String hold,
    boolean handoff,
    Complaint complaint) {
  /** A promise to pay {@code amount} by {@code date}. */
  public record PromiseToPay(LocalDate date, BigDecimal amount) {}

  /**
   * An instalment plan: a first payment of {@code downPayment} (null when the plan rules ask none),
   * then {@code months} payments of {@code monthly} (null when the balance is unknown).
   */
  public record Plan(int months, BigDecimal monthly, BigDecimal downPayment) {
    public Plan(int months, BigDecimal monthly) {
      this(months, monthly, null);
    }
  }

  /** A service complaint to follow up within 48 hours, with the caller's own words. */
  public record Complaint(String text) {}

  public static final Outcome NONE = new Outcome(null, null, null, false, null, false, null);
}
