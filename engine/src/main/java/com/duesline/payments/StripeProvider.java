package com.duesline.payments;

import com.duesline.cli.InputRejectedException;
import com.duesline.config.Secrets.Secret;
import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Stripe through its official SDK: one Checkout Session per pay link ({@code client_reference_id} =
 * the link id, the amount in minor units), and the webhook's events checked with the SDK's own
 * {@code Webhook.constructEvent} against {@code STRIPE_WEBHOOK_SECRET}. A {@code
 * checkout.session.completed} whose {@code payment_status} is {@code paid} becomes a payment of
 * {@code amount_total}, keyed by the session's PaymentIntent.
 */
public final class StripeProvider implements PaymentProvider {
  private final StripeClient client;
  private final Secret webhookSecret;
  private final String currency;
  private final Clock clock;

  /**
   * @param apiKey {@code STRIPE_API_KEY}; null leaves session creation unavailable (webhooks still
   *     work)
   * @param apiBase the API's address; null for Stripe's own
   */
  public StripeProvider(
      Secret apiKey, Secret webhookSecret, String currency, String apiBase, Clock clock) {
    if (webhookSecret == null)
      throw new com.duesline.config.ConfigException(
          "payments.provider stripe needs STRIPE_WEBHOOK_SECRET (or STRIPE_WEBHOOK_SECRET_FILE)");
    StripeClient.StripeClientBuilder b =
        StripeClient.builder()
            .setApiKey(apiKey == null ? null : apiKey.value())
            .setMaxNetworkRetries(2);
    if (apiBase != null && !apiBase.isBlank()) b.setApiBase(apiBase);
    this.client = apiKey == null ? null : b.build();
    this.webhookSecret = webhookSecret;
    this.currency = currency;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "stripe";
  }

  /**
   * Creates the link's Checkout Session and sends the payer to Stripe's page; back to the link's
   * page afterwards.
   */
  @Override
  public Checkout checkout(PayLink link) {
    if (client == null)
      throw new IllegalStateException(
          "STRIPE_API_KEY is not set: no Checkout Session can be created");
    long minor = link.amount().movePointRight(2).longValueExact();
    String back = link.url();
    // Stripe refuses an expiry more than 24 h ahead: the session lives at most that long, the link
    // may outlive it.
    long expires =
        Math.min(
            link.expires().getEpochSecond(),
            Instant.now(clock).plusSeconds(23 * 3600).getEpochSecond());
    SessionCreateParams params =
        SessionCreateParams.builder()
            .setMode(SessionCreateParams.Mode.PAYMENT)
            .setClientReferenceId(link.id())
            .setSuccessUrl(back + "?paid=1")
            .setCancelUrl(back)
            .setExpiresAt(Math.max(expires, Instant.now(clock).plusSeconds(1800).getEpochSecond()))
            .putMetadata("unit", link.unit())
            .addLineItem(
                SessionCreateParams.LineItem.builder()
                    .setQuantity(1L)
                    .setPriceData(
                        SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(currency)
                            .setUnitAmount(minor)
                            .setProductData(
                                SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                    .setName("Management fee, unit " + link.unit())
                                    .build())
                            .build())
                    .build())
            .build();
    try {
      Session s = client.v1().checkout().sessions().create(params);
      return new Checkout(s.getUrl(), null);
    } catch (StripeException e) {
      throw new IllegalStateException(
          "Stripe refused the Checkout Session for link " + link.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A webhook delivery, checked: the payment it carries, or none (another event type, a session not
   * yet paid).
   *
   * @throws InputRejectedException when the signature does not verify (the caller answers 400)
   */
  public Delivery webhook(String payload, String signatureHeader) {
    if (signatureHeader == null || signatureHeader.isBlank())
      throw new InputRejectedException("Stripe-Signature: the header is missing");
    Event event;
    try {
      event =
          com.stripe.net.Webhook.constructEvent(payload, signatureHeader, webhookSecret.value());
    } catch (SignatureVerificationException e) {
      throw new InputRejectedException("Stripe-Signature: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new InputRejectedException("body: not a Stripe event (" + e.getMessage() + ")");
    }
    // The SDK checked the signature over these exact bytes; the session is read from them as sent,
    // whatever API version made it.
    JsonObject object =
        new JsonObject(payload)
            .getJsonObject("data", new JsonObject())
            .getJsonObject("object", new JsonObject());
    if (!"checkout.session.completed".equals(event.getType())
        && !"checkout.session.async_payment_succeeded".equals(event.getType())) {
      return new Delivery(event.getId(), event.getType(), null);
    }
    if (!"paid".equals(object.getString("payment_status"))
        || object.getLong("amount_total") == null
        || object.getString("client_reference_id") == null) {
      return new Delivery(event.getId(), event.getType(), null);
    }
    String paymentId = object.getString("payment_intent", object.getString("id"));
    BigDecimal amount = BigDecimal.valueOf(object.getLong("amount_total"), 2);
    LocalDate paidOn =
        event.getCreated() == null
            ? LocalDate.now(clock)
            : LocalDate.ofInstant(Instant.ofEpochSecond(event.getCreated()), ZoneOffset.UTC);
    return new Delivery(
        event.getId(),
        event.getType(),
        new ProviderPayment(
            name(),
            event.getId(),
            event.getType(),
            paymentId,
            object.getString("client_reference_id"),
            amount,
            paidOn));
  }

  /** A verified event: its id and type, and the payment when it carries one. */
  public record Delivery(String eventId, String type, ProviderPayment payment) {}
}
