package com.duesline.telephony.twilio;

import com.duesline.telephony.carrier.TransferTarget;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Sip;
import com.twilio.twiml.voice.Stream;

/** The TwiML documents the adapter answers with, built by the SDK's TwiML builders. */
public final class TwimlDocuments {
  private final TwilioSettings settings;

  public TwimlDocuments(TwilioSettings settings) {
    this.settings = settings;
  }

  /**
   * An answered call: a bidirectional Media Stream to our WebSocket, carrying the contact task id.
   */
  public String connectStream(String taskId) {
    Stream stream =
        new Stream.Builder()
            .url(settings.wsUrl(TwilioPaths.MEDIA))
            .parameter(
                new Parameter.Builder().name(TwilioPaths.TASK_PARAMETER).value(taskId).build())
            .build();
    return new VoiceResponse.Builder()
        .connect(new Connect.Builder().stream(stream).build())
        .build()
        .toXml();
  }

  /** A voicemail after the beep: play the rendered message once, then hang up. */
  public String voicemail(String audioUrl) {
    return new VoiceResponse.Builder()
        .play(new Play.Builder(audioUrl).build())
        .hangup(new Hangup.Builder().build())
        .build()
        .toXml();
  }

  /** A hand-off: dial the agent's number or SIP address with our caller ID. */
  public String transfer(TransferTarget target) {
    Dial.Builder dial = new Dial.Builder();
    if (target.isSip()) dial.sip(new Sip.Builder(target.address()).build());
    else dial.number(new Number.Builder(target.address()).build());
    return new VoiceResponse.Builder().dial(dial.build()).build().toXml();
  }

  /** Ends the call. */
  public String hangup() {
    return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
  }
}
