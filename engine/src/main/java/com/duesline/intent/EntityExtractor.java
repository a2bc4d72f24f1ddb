package com.duesline.intent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;

/**
 * Pulls the facts a collection call needs out of an utterance: {@code date} (ISO, resolved against
 * the caller's local date), {@code amount} ("250.00"), {@code installments} (a count) and {@code
 * yes_no} ("yes"/"no"). Stateless and thread-safe.
 */
public final class EntityExtractor {
  private final Payday payday;

  /** Payday on the 15th and the last day of the month. */
  public EntityExtractor() {
    this(Payday.semiMonthly());
  }

  public EntityExtractor(Payday payday) {
    this.payday = payday;
  }

  /** The entities found in {@code text} ({@code en} or {@code zh}); empty when none, never null. */
  public Map<String, String> extract(String text, String lang, LocalDate today) {
    String cleaned = UtteranceText.clean(text);
    if (cleaned.isEmpty()) return Map.of();
    return switch (lang) {
      case "en" -> EnglishEntities.extract(cleaned, today, payday);
      case "zh" -> ChineseEntities.extract(cleaned, today, payday);
      default ->
          throw new IllegalArgumentException(
              "no entity rules for language '" + lang + "' (have en, zh)");
    };
  }

  static String money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
