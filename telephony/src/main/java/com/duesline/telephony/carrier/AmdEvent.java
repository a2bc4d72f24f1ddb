package com.duesline.telephony.carrier;

import java.time.Instant;

/** Answering-machine detection finished for a call. */
public record AmdEvent(String callSid, AmdResult result, int detectionMillis, Instant at) {}
