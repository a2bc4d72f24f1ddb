package com.duesline.telephony.twilio;

import com.duesline.telephony.carrier.AmdEvent;
import com.duesline.telephony.carrier.AmdResult;
import com.duesline.telephony.carrier.CallStatus;
import com.duesline.telephony.carrier.CallStatusEvent;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.carrier.CarrierListener;
import com.duesline.telephony.carrier.InboundSms;
import com.duesline.telephony.carrier.PhoneMask;
import com.duesline.telephony.carrier.RecordingEvent;
import com.duesline.telephony.carrier.SmsKeyword;
import com.duesline.telephony.carrier.SmsStatus;
import com.duesline.telephony.carrier.SmsStatusEvent;
import com.twilio.twiml.MessagingResponse;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's webhooks and the Media Streams WebSocket, mounted on a router the engine owns. Every
 * request is signature-checked first; only then is it parsed and reported to the {@link
 * CarrierListener}.
 */
public final class TwilioWebhooks {
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
  private static final String XML = "application/xml";
  private final TwimlDocuments twiml;
  private final SignatureCheck signatures;
  private final CarrierListener listener;
  private final TelephonyMetrics metrics;
  private final Carrier carrier;

  /**
   * @param carrier used to leave the voicemail when AMD reports the end of a greeting
   */
  public TwilioWebhooks(
      TwilioSettings settings,
      CarrierListener listener,
      TelephonyMetrics metrics,
      Carrier carrier) {
    this.twiml = new TwimlDocuments(settings);
    this.signatures = new SignatureCheck(settings, metrics);
    this.listener = listener;
    this.metrics = metrics;
    this.carrier = carrier;
  }

  /** Adds the routes under {@code /twilio/}. */
  public void mount(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    router
        .post(TwilioPaths.VOICE)
        .handler(body)
        .handler(ctx -> form(ctx, TwilioPaths.VOICE, this::voice));
    router
        .post(TwilioPaths.STATUS)
        .handler(body)
        .handler(ctx -> form(ctx, TwilioPaths.STATUS, this::status));
    router
        .post(TwilioPaths.AMD)
        .handler(body)
        .handler(ctx -> form(ctx, TwilioPaths.AMD, this::amd));
    router
        .post(TwilioPaths.RECORDING)
        .handler(body)
        .handler(ctx -> form(ctx, TwilioPaths.RECORDING, this::recording));
    router
        .post(TwilioPaths.SMS)
        .handler(body)
        .handler(ctx -> form(ctx, TwilioPaths.SMS, this::sms));
    router
        .post(TwilioPaths.SMS_STATUS)
        .handler(body)
        .handler(ctx -> form(ctx, TwilioPaths.SMS_STATUS, this::smsStatus));
    router.get(TwilioPaths.MEDIA).handler(this::media);
  }

  private interface FormHandler {
    void handle(RoutingContext ctx, MultiMap form);
  }

  private void form(RoutingContext ctx, String path, FormHandler handler) {
    if (!signatures.formRequestIsValid(ctx, path)) return;
    metrics.webhookAccepted(path);
    try {
      handler.handle(ctx, ctx.request().formAttributes());
    } catch (IllegalArgumentException | NullPointerException e) {
      log.warn("rejected {} webhook: {}", path, e.getMessage());
      ctx.response().setStatusCode(400).end(String.valueOf(e.getMessage()));
    }
  }

  private void voice(RoutingContext ctx, MultiMap form) {
    String task = ctx.queryParams().get("task");
    if (task == null) throw new IllegalArgumentException("voice URL has no task parameter");
    ctx.response().putHeader("Content-Type", XML).end(twiml.connectStream(task));
  }

  private void status(RoutingContext ctx, MultiMap form) {
    String raw = required(form, "CallStatus");
    // Twilio's status callback for the "initiated" event may report the call as initiated; to us it
    // is queued.
    CallStatus status = "initiated".equals(raw) ? CallStatus.QUEUED : CallStatus.fromWire(raw);
    int duration = form.contains("CallDuration") ? Integer.parseInt(form.get("CallDuration")) : 0;
    listener.onCallStatus(
        new CallStatusEvent(
            required(form, "CallSid"), form.get("To"), status, duration, Instant.now()));
    ctx.response().setStatusCode(204).end();
  }

  private void amd(RoutingContext ctx, MultiMap form) {
    String callSid = required(form, "CallSid");
    AmdResult result = AmdResult.fromWire(required(form, "AnsweredBy"));
    int millis =
        form.contains("MachineDetectionDuration")
            ? Integer.parseInt(form.get("MachineDetectionDuration"))
            : 0;
    listener.onAmd(new AmdEvent(callSid, result, millis, Instant.now()));
    String voicemail = ctx.queryParams().get("vm");
    if (result.isMachineEnd() && voicemail != null) {
      carrier
          .leaveVoicemail(callSid, voicemail)
          .onFailure(e -> log.warn("voicemail on {} failed: {}", callSid, e.toString()));
    }
    ctx.response().setStatusCode(204).end();
  }

  private void recording(RoutingContext ctx, MultiMap form) {
    String status = form.get("RecordingStatus");
    // Only a completed recording has audio; "in-progress" and "absent" are progress reports.
    if (status == null || status.equals("completed")) {
      int seconds =
          form.contains("RecordingDuration") ? Integer.parseInt(form.get("RecordingDuration")) : 0;
      int channels =
          form.contains("RecordingChannels") ? Integer.parseInt(form.get("RecordingChannels")) : 1;
      listener.onRecording(
          new RecordingEvent(
              required(form, "CallSid"),
              required(form, "RecordingSid"),
              required(form, "RecordingUrl"),
              seconds,
              channels,
              Instant.now()));
    }
    ctx.response().setStatusCode(204).end();
  }

  private void sms(RoutingContext ctx, MultiMap form) {
    String body = form.get("Body") == null ? "" : form.get("Body");
    InboundSms sms =
        new InboundSms(
            required(form, "MessageSid"),
            required(form, "From"),
            required(form, "To"),
            body,
            SmsKeyword.of(body),
            Instant.now());
    log.info(
        "inbound SMS {} from {} keyword {}",
        sms.messageSid(),
        PhoneMask.mask(sms.from()),
        sms.keyword());
    listener.onInboundSms(sms);
    // An empty response: replies are decided by the engine and sent through the REST API, where
    // they are recorded.
    ctx.response()
        .putHeader("Content-Type", XML)
        .end(new MessagingResponse.Builder().build().toXml());
  }

  private void smsStatus(RoutingContext ctx, MultiMap form) {
    String error = form.get("ErrorCode") == null ? "" : form.get("ErrorCode");
    listener.onSmsStatus(
        new SmsStatusEvent(
            required(form, "MessageSid"),
            form.get("To"),
            SmsStatus.fromWire(required(form, "MessageStatus")),
            error,
            Instant.now()));
    ctx.response().setStatusCode(204).end();
  }

  private void media(RoutingContext ctx) {
    if (!signatures.upgradeIsValid(ctx, TwilioPaths.MEDIA)) return;
    metrics.webhookAccepted(TwilioPaths.MEDIA);
    ctx.request()
        .toWebSocket()
        .onSuccess(ws -> new TwilioMediaSession(ws, listener, metrics))
        .onFailure(e -> log.warn("media WebSocket upgrade failed: {}", e.toString()));
  }

  private static String required(MultiMap form, String name) {
    String v = form.get(name);
    if (v == null || v.isBlank()) throw new IllegalArgumentException("missing form field " + name);
    return v;
  }
}
