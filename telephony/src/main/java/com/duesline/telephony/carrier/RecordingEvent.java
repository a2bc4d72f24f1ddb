package com.duesline.telephony.carrier;

import java.time.Instant;

/**
 * A call's recording is ready (Twilio's recording status callback).
 *
 * @param callSid the call recorded
 * @param recordingSid the carrier's id of the recording ({@code RE...})
 * @param url where the recording lives; {@link Carrier#recording(String)} fetches it as WAV
 * @param durationSeconds its length as the carrier reports it
 * @param channels 1 (both directions mixed) or 2 (each direction on its own channel)
 */
public record RecordingEvent(
    String callSid,
    String recordingSid,
    String url,
    int durationSeconds,
    int channels,
    Instant at) {}
