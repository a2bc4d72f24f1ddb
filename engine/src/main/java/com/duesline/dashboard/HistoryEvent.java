package com.duesline.dashboard;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One dated fact in an account's history (a contact, a turn said in it, a promise, a plan, a hold,
 * a consent or opt-out, a payment, a hand-off, an audit entry): one row of the CSV export.
 */
public record HistoryEvent(
    Instant at,
    String event,
    Long attemptId,
    String speaker,
    String text,
    BigDecimal amount,
    String status,
    String detail) {}
