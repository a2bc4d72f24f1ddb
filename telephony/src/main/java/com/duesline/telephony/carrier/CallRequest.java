package com.duesline.telephony.carrier;

import java.util.Objects;
import java.util.Optional;

/**
 * One outbound call to place.
 *
 * @param to the callee in E.164
 * @param from the caller ID in E.164
 * @param taskId the contact task this attempt serves; travels as a Media Streams custom parameter
 * @param ringTimeoutSeconds how long to ring before no-answer (at least 15 s, so voicemail can pick
 *     up)
 * @param machineDetection whether to run asynchronous answering-machine detection
 * @param voicemailAudioUrl the rendered voicemail to play after the beep when AMD reports a
 *     machine; empty means hang up on machines
 */
public record CallRequest(
    String to,
    String from,
    String taskId,
    int ringTimeoutSeconds,
    boolean machineDetection,
    Optional<String> voicemailAudioUrl) {
  /** Twilio's own floor is 5 s; below 15 s most voicemail systems never answer. */
  public static final int MIN_RING_TIMEOUT_SECONDS = 15;

  public CallRequest {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(voicemailAudioUrl, "voicemailAudioUrl");
    if (ringTimeoutSeconds < MIN_RING_TIMEOUT_SECONDS || ringTimeoutSeconds > 600) {
      throw new IllegalArgumentException(
          "ringTimeoutSeconds must be 15..600, got " + ringTimeoutSeconds);
    }
    if (!to.matches("\\+[1-9]\\d{6,14}"))
      throw new IllegalArgumentException("to must be E.164, got " + PhoneMask.mask(to));
    if (!from.matches("\\+[1-9]\\d{6,14}"))
      throw new IllegalArgumentException("from must be E.164, got " + PhoneMask.mask(from));
  }
}
