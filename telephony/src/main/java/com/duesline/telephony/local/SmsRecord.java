package com.duesline.telephony.local;

import java.time.Instant;

/** A text message the local carrier carried, either way. */
public record SmsRecord(
    String sid, String from, String to, String body, boolean toPhone, Instant at) {}
