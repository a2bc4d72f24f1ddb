package com.duesline.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Money a provider says it took, as the engine applies it.
 *
 * @param eventId the provider's event id (applied once); null when the provider has no events (the
 *     local checkout)
 * @param paymentId the provider's id of the payment itself (a Stripe PaymentIntent, a local
 *     charge): the ledger key
 * @param linkId the pay link it was for
 */
public record ProviderPayment(
    String provider,
    String eventId,
    String eventType,
    String paymentId,
    String linkId,
    BigDecimal amount,
    LocalDate paidOn) {

  /** The payment's reference in the ledger: one per provider payment, so it posts once. */
  public String ledgerRef() {
    return provider + ":" + paymentId;
  }
}
