package com.duesline.telephony.carrier;

import java.time.Instant;

/**
 * A text message a person sent to one of our numbers, with the consent keyword it carries (NONE for
 * free text).
 */
public record InboundSms(
    String messageSid, String from, String to, String body, SmsKeyword keyword, Instant at) {}
