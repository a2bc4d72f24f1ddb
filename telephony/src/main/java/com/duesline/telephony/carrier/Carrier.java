package com.duesline.telephony.carrier;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * How calls and messages reach people. Every operation is asynchronous and never blocks the
 * caller's event loop; outcomes arrive later as events on the {@link CarrierListener}.
 */
public interface Carrier {
  /** Places an outbound call; completes with the carrier's call id once the call is queued. */
  Future<String> placeCall(CallRequest request);

  /** Ends a call in any state (cancels it if still ringing). */
  Future<Void> hangUp(String callSid);

  /** Moves a live call to a human: a phone number or SIP address; the bot's media stream ends. */
  Future<Void> transfer(String callSid, TransferTarget target);

  /** Plays a rendered voicemail on an answered call, then hangs up. */
  Future<Void> leaveVoicemail(String callSid, String audioUrl);

  /** Sends a text message; completes with the carrier's message id once accepted. */
  Future<String> sendSms(SmsRequest request);

  /**
   * What the carrier reports now for {@code callSid} (status and duration); fails when it does not
   * know the call.
   */
  Future<CallState> callState(String callSid);

  /**
   * The calls placed to {@code to} since {@code since} (oldest first), whatever their state: how a
   * node that lost the one that dialed learns whether a call it never heard of was placed. Carriers
   * that cannot list calls fail.
   */
  default Future<java.util.List<CallState>> callsTo(String to, java.time.Instant since) {
    return Future.failedFuture(new UnsupportedOperationException("this carrier cannot list calls"));
  }

  /**
   * The WAV audio of a recording the carrier reported at {@code recordingUrl} ({@link
   * RecordingEvent#url()}).
   */
  Future<Buffer> recording(String recordingUrl);
}
