package com.duesline.telephony.carrier;

import java.util.Objects;

/** One outbound text message; {@code taskId} ties its delivery reports back to the contact task. */
public record SmsRequest(String to, String from, String body, String taskId) {
  public SmsRequest {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(taskId, "taskId");
    if (body.isBlank()) throw new IllegalArgumentException("SMS body is empty");
    if (body.length() > 1600)
      throw new IllegalArgumentException(
          "SMS body is " + body.length() + " characters; Twilio's limit is 1600");
  }
}
