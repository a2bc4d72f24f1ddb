package com.duesline.telephony.carrier;

import java.time.Instant;

/**
 * The carrier reports a call moved to {@code status}; {@code durationSeconds} is set once the call
 * is completed.
 */
public record CallStatusEvent(
    String callSid, String to, CallStatus status, int durationSeconds, Instant at) {}
