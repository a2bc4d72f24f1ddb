package com.duesline.payments;

import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
import com.duesline.config.Secrets;
import com.duesline.store.Database;
import java.time.Clock;
import java.time.Duration;

/**
 * The payment parts wired from configuration ({@code payments.*} in duesline.yaml; secrets {@code
 * PAY_LINK_SECRET}, {@code STRIPE_API_KEY}, {@code STRIPE_WEBHOOK_SECRET} from the environment or
 * {@code NAME_FILE}).
 *
 * @param links links for messages (valid {@code payments.link-valid-days})
 * @param letterLinks the same signed links for letters, valid {@code
 *     payments.letter-link-valid-days}: paper takes days to arrive and is read for weeks
 * @param provider where links send payers: the local checkout page or Stripe
 * @param stripe Stripe when its webhook secret is configured (its webhook is then mounted), else
 *     null
 */
public record Payments(
    PayLinks links,
    PayLinks letterLinks,
    PaymentApplier applier,
    PaymentProvider provider,
    LocalProvider local,
    StripeProvider stripe,
    PlanRules plans,
    Clock clock) {

  public static Payments from(DueslineConfig config, Database db, Secrets secrets, Clock clock) {
    String base =
        config
            .optional("payments.public-url")
            .filter(s -> !s.isBlank())
            .orElse(config.get("http.public-url"));
    int days = config.getInt("payments.link-valid-days");
    if (days < 1)
      throw new ConfigException("payments.link-valid-days must be at least 1, got " + days);
    int letterDays = config.getInt("payments.letter-link-valid-days");
    if (letterDays < 1)
      throw new ConfigException(
          "payments.letter-link-valid-days must be at least 1, got " + letterDays);
    LinkSigner signer = LinkSigner.from(secrets, config.getPath("store.data-dir"));
    PayLinks links = new PayLinks(db, signer, base, Duration.ofDays(days), clock);
    PayLinks letterLinks = new PayLinks(db, signer, base, Duration.ofDays(letterDays), clock);
    LocalProvider local = new LocalProvider(clock);
    StripeProvider stripe =
        secrets
            .get("STRIPE_WEBHOOK_SECRET")
            .map(
                w ->
                    new StripeProvider(
                        secrets.get("STRIPE_API_KEY").orElse(null),
                        w,
                        config.get("payments.currency"),
                        config.optional("payments.stripe-api-base").orElse(null),
                        clock))
            .orElse(null);
    String kind = config.get("payments.provider");
    PaymentProvider provider =
        switch (kind) {
          case "local" -> local;
          case "stripe" -> {
            if (stripe == null || secrets.get("STRIPE_API_KEY").isEmpty()) {
              throw new ConfigException(
                  "payments.provider is stripe: set STRIPE_API_KEY and STRIPE_WEBHOOK_SECRET (or their _FILE forms)");
            }
            yield stripe;
          }
          default ->
              throw new ConfigException(
                  "payments.provider must be local or stripe, got '" + kind + "'");
        };
    PlanRules plans =
        PlanRules.load(
            config
                .optional("payments.plan-rules")
                .filter(s -> !s.isBlank())
                .map(java.nio.file.Path::of)
                .orElse(null));
    return new Payments(
        links, letterLinks, new PaymentApplier(db), provider, local, stripe, plans, clock);
  }
}
