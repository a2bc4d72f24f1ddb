package com.duesline.payments;

/**
 * A way to take the money a pay link asks for. The engine opens the link, asks the provider where
 * the payer goes, and applies what the provider later confirms ({@link ProviderPayment}, keyed by
 * the provider's payment id) through {@link PaymentApplier}. Hosted checkouts (Stripe), the
 * engine's own page (local) and QR-code wallets (WeChat Pay / Alipay: a code to scan, confirmed by
 * a signed notification) all fit. Called from a worker: it may block on the provider's API.
 */
public interface PaymentProvider {
  /** The provider's name, also the prefix of its payments' ledger references. */
  String name();

  /** Where the payer goes for this link. */
  Checkout checkout(PayLink link);

  /**
   * The payer's next step.
   *
   * @param url a page to open (the engine's checkout page, or the provider's hosted one)
   * @param qrPayload for wallets: the text of the QR code to show (e.g. WeChat Pay's {@code
   *     code_url}); else null
   */
  record Checkout(String url, String qrPayload) {}
}
