package com.duesline.telephony.carrier;

/**
 * What the engine implements to hear from the carrier. Called on a Vert.x event loop:
 * implementations must not block (hand blocking work to a worker pool).
 */
public interface CarrierListener {
  /** A call changed state. */
  void onCallStatus(CallStatusEvent event);

  /** Answering-machine detection finished. */
  void onAmd(AmdEvent event);

  /** Someone texted us; opt-out keywords arrive already classified. */
  void onInboundSms(InboundSms sms);

  /** A message we sent moved on in delivery. */
  void onSmsStatus(SmsStatusEvent event);

  /** A call's recording is ready. */
  default void onRecording(RecordingEvent event) {}

  /**
   * A live call's media stream opened. The listener attaches its handlers to the session before
   * returning, so no frame is missed.
   */
  void onMediaSession(MediaSession session);
}
