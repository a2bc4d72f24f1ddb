package com.duesline.telephony.twilio;

/** The webhook paths on the engine's public URL that Twilio (or the local carrier) calls. */
public final class TwilioPaths {
  private TwilioPaths() {}

  /** TwiML for an answered call. */
  public static final String VOICE = "/twilio/voice";

  /** Call status callbacks. */
  public static final String STATUS = "/twilio/status";

  /** Asynchronous answering-machine detection results. */
  public static final String AMD = "/twilio/amd";

  /** Recording status callbacks: a call's recording is ready. */
  public static final String RECORDING = "/twilio/recording";

  /** Inbound SMS. */
  public static final String SMS = "/twilio/sms";

  /** SMS delivery status callbacks. */
  public static final String SMS_STATUS = "/twilio/sms-status";

  /** The bidirectional Media Streams WebSocket. */
  public static final String MEDIA = "/twilio/media";

  /** The Media Streams custom parameter carrying the contact task id. */
  public static final String TASK_PARAMETER = "taskId";
}
