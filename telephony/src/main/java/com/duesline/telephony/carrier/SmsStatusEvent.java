package com.duesline.telephony.carrier;

import java.time.Instant;

/**
 * The carrier reports a sent message's delivery state; {@code errorCode} is empty unless it failed.
 */
public record SmsStatusEvent(
    String messageSid, String to, SmsStatus status, String errorCode, Instant at) {}
