package com.duesline.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A reminder due: the day before a promise or an instalment falls due.
 *
 * @param kind {@code promise} or {@code instalment}
 * @param ref the promise id, or "planId/seq" for an instalment
 */
public record Reminder(
    String kind,
    String ref,
    long unitId,
    String unit,
    Long partyId,
    String e164,
    String language,
    BigDecimal amount,
    LocalDate due) {}
