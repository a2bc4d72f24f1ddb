package com.duesline.telephony.twilio;

import com.duesline.telephony.carrier.CallRequest;
import com.duesline.telephony.carrier.CallState;
import com.duesline.telephony.carrier.CallStatus;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.carrier.PhoneMask;
import com.duesline.telephony.carrier.SmsRequest;
import com.duesline.telephony.carrier.TransferTarget;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier on Twilio, through the Twilio Java SDK. The SDK blocks on HTTP, so every request runs
 * on a Vert.x worker; outbound calls are spaced to the account's calls-per-second limit.
 */
public final class TwilioCarrier implements Carrier {
  private static final Logger log = LoggerFactory.getLogger(TwilioCarrier.class);
  private static final List<String> STATUS_EVENTS =
      List.of("initiated", "ringing", "answered", "completed");
  private final Vertx vertx;
  private final TwilioRestClient client;
  private final TwilioSettings settings;
  private final TwimlDocuments twiml;
  private final TelephonyMetrics metrics;
  private final long callSpacingNanos;
  private long nextCallSlotNanos;
  private WebClient web;

  /**
   * @param client a REST client built for {@code settings.accountSid()}; in production the plain
   *     SDK client, in the local carrier one whose {@code HttpClient} rewrites the API host
   */
  public TwilioCarrier(
      Vertx vertx, TwilioRestClient client, TwilioSettings settings, TelephonyMetrics metrics) {
    this.vertx = vertx;
    this.client = client;
    this.settings = settings;
    this.twiml = new TwimlDocuments(settings);
    this.metrics = metrics;
    this.callSpacingNanos = (long) (TimeUnit.SECONDS.toNanos(1) / settings.callsPerSecond());
  }

  /** The REST client of the real Twilio API. */
  public static TwilioRestClient productionClient(TwilioSettings settings) {
    return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken()).build();
  }

  @Override
  public Future<String> placeCall(CallRequest request) {
    return afterCallSlot()
        .compose(
            v ->
                vertx.executeBlocking(
                    () -> {
                      String amdUrl =
                          settings.url(TwilioPaths.AMD)
                              + "?task="
                              + enc(request.taskId())
                              + request.voicemailAudioUrl().map(u -> "&vm=" + enc(u)).orElse("");
                      var creator =
                          Call.creator(
                                  new PhoneNumber(request.to()),
                                  new PhoneNumber(request.from()),
                                  java.net.URI.create(
                                      settings.url(TwilioPaths.VOICE)
                                          + "?task="
                                          + enc(request.taskId())))
                              .setStatusCallback(settings.url(TwilioPaths.STATUS))
                              .setStatusCallbackEvent(STATUS_EVENTS)
                              .setTimeout(request.ringTimeoutSeconds())
                              // Every call is recorded, each direction on its own channel; the
                              // recording's
                              // id and URL arrive on /twilio/recording once it is ready.
                              .setRecord(true)
                              .setRecordingChannels("dual")
                              .setRecordingStatusCallback(settings.url(TwilioPaths.RECORDING))
                              .setRecordingStatusCallbackEvent(List.of("completed"));
                      if (request.machineDetection()) {
                        // Async AMD: the call is connected to the bot at once; the verdict arrives
                        // on /twilio/amd,
                        // and DetectMessageEnd makes it wait for the beep so the voicemail lands
                        // after it.
                        creator
                            .setMachineDetection("DetectMessageEnd")
                            .setAsyncAmd("true")
                            .setAsyncAmdStatusCallback(amdUrl);
                      }
                      Call call = creator.create(client);
                      metrics.callPlaced();
                      log.info(
                          "placed call {} to {} for task {}",
                          call.getSid(),
                          PhoneMask.mask(request.to()),
                          request.taskId());
                      return call.getSid();
                    },
                    false));
  }

  /** Spaces call creation to the CPS limit without blocking: each call waits for its own slot. */
  private Future<Void> afterCallSlot() {
    long now = System.nanoTime();
    long slot;
    synchronized (this) {
      slot = Math.max(now, nextCallSlotNanos);
      nextCallSlotNanos = slot + callSpacingNanos;
    }
    long delayMillis = TimeUnit.NANOSECONDS.toMillis(slot - now);
    if (delayMillis <= 0) return Future.succeededFuture();
    Promise<Void> p = Promise.promise();
    vertx.setTimer(delayMillis, id -> p.complete());
    return p.future();
  }

  @Override
  public Future<Void> hangUp(String callSid) {
    return vertx.executeBlocking(
        () -> {
          Call.updater(callSid).setStatus(Call.UpdateStatus.COMPLETED).update(client);
          return null;
        },
        false);
  }

  @Override
  public Future<Void> transfer(String callSid, TransferTarget target) {
    return updateTwiml(callSid, twiml.transfer(target));
  }

  @Override
  public Future<Void> leaveVoicemail(String callSid, String audioUrl) {
    return updateTwiml(callSid, twiml.voicemail(audioUrl));
  }

  private Future<Void> updateTwiml(String callSid, String xml) {
    return vertx.executeBlocking(
        () -> {
          Call.updater(callSid).setTwiml(new Twiml(xml)).update(client);
          return null;
        },
        false);
  }

  @Override
  public Future<String> sendSms(SmsRequest request) {
    return vertx.executeBlocking(
        () -> {
          Message m =
              Message.creator(
                      new PhoneNumber(request.to()),
                      new PhoneNumber(request.from()),
                      request.body())
                  .setStatusCallback(
                      settings.url(TwilioPaths.SMS_STATUS) + "?task=" + enc(request.taskId()))
                  .create(client);
          metrics.smsSent();
          log.info(
              "sent SMS {} to {} for task {}",
              m.getSid(),
              PhoneMask.mask(request.to()),
              request.taskId());
          return m.getSid();
        },
        false);
  }

  @Override
  public Future<CallState> callState(String callSid) {
    return vertx.executeBlocking(
        () -> {
          Call call = Call.fetcher(callSid).fetch(client);
          String duration = call.getDuration();
          return new CallState(
              callSid,
              CallStatus.fromWire(call.getStatus().toString()),
              duration == null || duration.isBlank() ? 0 : Integer.parseInt(duration));
        },
        false);
  }

  /**
   * Twilio filters call lists by day only: the calls of that day to {@code to} are read, then
   * narrowed to {@code since}.
   */
  @Override
  public Future<List<CallState>> callsTo(String to, java.time.Instant since) {
    return vertx.executeBlocking(
        () -> {
          List<CallState> out = new java.util.ArrayList<>();
          for (Call call :
              Call.reader()
                  .setTo(new PhoneNumber(to))
                  .setStartTimeAfter(
                      since.minus(java.time.Duration.ofDays(1)).atZone(java.time.ZoneOffset.UTC))
                  .limit(200)
                  .read(client)) {
            if (call.getDateCreated() != null
                && call.getDateCreated().toInstant().isBefore(since.minusSeconds(5))) continue;
            String duration = call.getDuration();
            out.add(
                new CallState(
                    call.getSid(),
                    CallStatus.fromWire(call.getStatus().toString()),
                    duration == null || duration.isBlank() ? 0 : Integer.parseInt(duration)));
          }
          java.util.Collections.reverse(out);
          return out;
        },
        false);
  }

  @Override
  public Future<Buffer> recording(String recordingUrl) {
    // Twilio serves a recording's audio at its URL plus ".wav", behind the account's Basic auth.
    String url = recordingUrl.endsWith(".wav") ? recordingUrl : recordingUrl + ".wav";
    return web()
        .getAbs(url)
        .basicAuthentication(settings.accountSid(), settings.authToken())
        .send()
        .compose(
            r ->
                r.statusCode() == 200
                    ? Future.succeededFuture(
                        r.bodyAsBuffer() == null ? Buffer.buffer() : r.bodyAsBuffer())
                    : Future.failedFuture("recording fetch answered HTTP " + r.statusCode()));
  }

  private synchronized WebClient web() {
    if (web == null) web = WebClient.create(vertx);
    return web;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
