package com.duesline.telephony.twilio;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The telephony counters, registered once on the registry the engine gives us. */
public final class TelephonyMetrics {
  private final MeterRegistry registry;
  private final Counter malformedMediaFrames;
  private final Counter inboundFrames;
  private final Counter callsPlaced;
  private final Counter smsSent;

  public TelephonyMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.malformedMediaFrames =
        Counter.builder("duesline.telephony.media.malformed")
            .description("Media Streams messages that could not be parsed")
            .register(registry);
    this.inboundFrames =
        Counter.builder("duesline.telephony.media.frames.in")
            .description("Inbound caller audio frames")
            .register(registry);
    this.callsPlaced =
        Counter.builder("duesline.telephony.calls.placed")
            .description("Outbound calls accepted by the carrier")
            .register(registry);
    this.smsSent =
        Counter.builder("duesline.telephony.sms.sent")
            .description("Outbound SMS accepted by the carrier")
            .register(registry);
  }

  /** Counts a request refused for a missing or wrong {@code X-Twilio-Signature}, by path. */
  public void signatureRejected(String path) {
    Counter.builder("duesline.telephony.signature.rejected")
        .tag("path", path)
        .description(
            "Webhook and WebSocket requests refused for a missing or wrong X-Twilio-Signature")
        .register(registry)
        .increment();
  }

  /** Counts a webhook that passed validation and was acted on, by path. */
  public void webhookAccepted(String path) {
    Counter.builder("duesline.telephony.webhooks").tag("path", path).register(registry).increment();
  }

  public void malformedMediaFrame() {
    malformedMediaFrames.increment();
  }

  public void inboundFrame() {
    inboundFrames.increment();
  }

  public void callPlaced() {
    callsPlaced.increment();
  }

  public void smsSent() {
    smsSent.increment();
  }
}
