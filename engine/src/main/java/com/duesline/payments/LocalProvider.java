package com.duesline.payments;

import com.duesline.cli.InputRejectedException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;

/**
 * The engine's own checkout for demos and tests: the link's page takes a card number and either
 * charges it or declines it, as a card network would, with Stripe's published test numbers deciding
 * which (4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined, ...9995 has insufficient
 * funds). No money moves; everything after the charge is the real path.
 */
public final class LocalProvider implements PaymentProvider {
  /** Card numbers that are declined, with the reason a card network gives. */
  private static final Map<String, String> DECLINES =
      Map.of(
          "4000000000000002", "card_declined",
          "4000000000009995", "insufficient_funds",
          "4000000000000069", "expired_card");

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Clock clock;

  public LocalProvider(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Checkout checkout(PayLink link) {
    return new Checkout("/pay/" + link.token(), null);
  }

  /** A charge: the payment, or the decline code. */
  public record Charge(ProviderPayment payment, String declined) {}

  /**
   * Charges {@code card} for the link's amount; a number that is not a card is refused (400), a
   * declining card declines.
   */
  public Charge charge(PayLink link, String card) {
    String digits = card == null ? "" : card.replaceAll("[ -]", "");
    if (!digits.matches("[0-9]{12,19}") || !luhn(digits)) {
      throw new InputRejectedException(
          "card: '"
              + (card == null ? "" : card)
              + "' is not a card number (12 to 19 digits passing the Luhn check)");
    }
    String declined = DECLINES.get(digits);
    if (declined != null) return new Charge(null, declined);
    byte[] b = new byte[10];
    RANDOM.nextBytes(b);
    String chargeId = "ch_" + HexFormat.of().formatHex(b);
    return new Charge(
        new ProviderPayment(
            name(),
            null,
            "charge.succeeded",
            chargeId,
            link.id(),
            link.amount(),
            LocalDate.now(clock)),
        null);
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
