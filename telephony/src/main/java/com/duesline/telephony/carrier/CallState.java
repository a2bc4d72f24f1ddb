package com.duesline.telephony.carrier;

/**
 * What the carrier says about a call when asked (the Call resource): its status and, once final,
 * how long it lasted from answer to hang-up.
 */
public record CallState(String callSid, CallStatus status, int durationSeconds) {}
