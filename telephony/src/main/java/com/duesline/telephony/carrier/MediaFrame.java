package com.duesline.telephony.carrier;

/**
 * One inbound chunk of caller audio: 8 kHz µ-law, normally 160 bytes (20 ms).
 *
 * @param chunk the carrier's running chunk number (1-based)
 * @param timestampMillis milliseconds since the stream started, per the carrier
 * @param mulaw the audio bytes
 */
public record MediaFrame(long chunk, long timestampMillis, byte[] mulaw) {}
