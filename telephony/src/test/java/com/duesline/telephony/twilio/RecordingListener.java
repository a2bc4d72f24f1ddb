package com.duesline.telephony.twilio;

import com.duesline.telephony.carrier.AmdEvent;
import com.duesline.telephony.carrier.CallStatusEvent;
import com.duesline.telephony.carrier.CarrierListener;
import com.duesline.telephony.carrier.InboundSms;
import com.duesline.telephony.carrier.MediaFrame;
import com.duesline.telephony.carrier.MediaSession;
import com.duesline.telephony.carrier.SmsStatusEvent;

/**
 * The engine stand-in: records every event the adapter reports, and everything each media session
 * carries.
 */
final class RecordingListener implements CarrierListener {
  final Awaitable<CallStatusEvent> statuses = new Awaitable<>();
  final Awaitable<AmdEvent> amd = new Awaitable<>();
  final Awaitable<InboundSms> inboundSms = new Awaitable<>();
  final Awaitable<SmsStatusEvent> smsStatuses = new Awaitable<>();
  final Awaitable<Session> sessions = new Awaitable<>();

  /** One media session and what came over it. */
  record Session(
      MediaSession media,
      Awaitable<MediaFrame> frames,
      Awaitable<String> marks,
      Awaitable<String> dtmf,
      Awaitable<String> stops) {}

  @Override
  public void onCallStatus(CallStatusEvent event) {
    statuses.add(event);
  }

  @Override
  public void onAmd(AmdEvent event) {
    amd.add(event);
  }

  @Override
  public void onInboundSms(InboundSms sms) {
    inboundSms.add(sms);
  }

  @Override
  public void onSmsStatus(SmsStatusEvent event) {
    smsStatuses.add(event);
  }

  @Override
  public void onMediaSession(MediaSession session) {
    Session s =
        new Session(
            session, new Awaitable<>(), new Awaitable<>(), new Awaitable<>(), new Awaitable<>());
    session
        .onFrame(s.frames()::add)
        .onMark(s.marks()::add)
        .onDtmf(s.dtmf()::add)
        .onStop(() -> s.stops().add("stop"));
    sessions.add(s);
  }
}
