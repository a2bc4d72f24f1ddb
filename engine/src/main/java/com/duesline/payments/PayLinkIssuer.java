package com.duesline.payments;

import java.math.BigDecimal;

/**
 * Makes the URL an outgoing message carries: a fresh signed link for the account, or the configured
 * template when no link store is wired in. Blocking (it writes the link): call it from a worker.
 */
@FunctionalInterface
public interface PayLinkIssuer {
  /**
   * @param amount what the link asks for; null for the default (the next instalment, an open
   *     promise, else the balance)
   */
  String url(long unitId, BigDecimal amount, String purpose);
}
