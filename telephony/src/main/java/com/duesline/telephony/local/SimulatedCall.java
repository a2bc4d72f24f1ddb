package com.duesline.telephony.local;

import com.duesline.telephony.carrier.AmdResult;
import com.duesline.telephony.carrier.CallStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through the local carrier, from creation to its final status: rings the persona, reports
 * status and AMD through signed callbacks, fetches and runs TwiML, opens the media stream and lets
 * the persona talk. Runs only on its own event-loop context (calls are spread over several), so it
 * needs no locks.
 */
final class SimulatedCall {
  private static final Logger log = LoggerFactory.getLogger(SimulatedCall.class);
  final String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
  final String to;
  final String from;
  final CallLog callLog = new CallLog();
  private final LocalCarrier carrier;
  private final Persona persona;
  private final MultiMap request;
  private final List<String> statusEvents;
  final Instant created = Instant.now();
  private CallStatus status = CallStatus.QUEUED;
  private long answeredNanos;
  private int durationSeconds;
  private int generation;
  private int callbackSeq;
  private PhoneMediaStream stream;
  private CallRecording recording;

  private final Context context;

  SimulatedCall(LocalCarrier carrier, Context context, Persona persona, MultiMap request) {
    this.carrier = carrier;
    this.context = context;
    this.persona = persona;
    this.request = request;
    this.to = request.get("To");
    this.from = request.get("From");
    this.statusEvents =
        request.getAll("StatusCallbackEvent").stream()
            .flatMap(e -> List.of(e.split("[ ,]+")).stream())
            .toList();
  }

  /**
   * Runs {@code r} on this call's event loop; everything about a call happens there, so it needs no
   * locks.
   */
  void onContext(Runnable r) {
    if (Vertx.currentContext() == context) r.run();
    else context.runOnContext(v -> r.run());
  }

  CallStatus status() {
    return status;
  }

  /** Starts ringing: the outcome follows the persona's line. */
  void begin() {
    callLog.add(CallLog.Kind.STATUS, status.wire());
    statusCallback("initiated");
    int gen = generation;
    int ring = carrier.options().ringMillis();
    if (persona == null || persona.line() == Persona.Line.FAILS) {
      later(gen, ring / 2, () -> finish(CallStatus.FAILED));
      return;
    }
    later(
        gen,
        50,
        () -> {
          setStatus(CallStatus.RINGING);
          statusCallback("ringing");
        });
    int timeoutSeconds =
        request.contains("Timeout") ? Integer.parseInt(request.get("Timeout")) : 60;
    long timeoutMillis = (long) Math.ceil(timeoutSeconds / 6.0) * ring;
    switch (persona.line()) {
      case BUSY -> later(gen, ring / 2, () -> finish(CallStatus.BUSY));
      case NO_ANSWER -> later(gen, timeoutMillis, () -> finish(CallStatus.NO_ANSWER));
      default -> {
        long answerAt = (long) persona.rings() * ring;
        if (answerAt > timeoutMillis) later(gen, timeoutMillis, () -> finish(CallStatus.NO_ANSWER));
        else later(gen, Math.max(answerAt, 100), this::answer);
      }
    }
  }

  private void answer() {
    setStatus(CallStatus.IN_PROGRESS);
    answeredNanos = System.nanoTime();
    if ("true".equalsIgnoreCase(request.get("Record")))
      recording = new CallRecording(answeredNanos);
    statusCallback("answered");
    if (request.contains("MachineDetection")) scheduleAmd();
    int gen = generation;
    program()
        .onSuccess(p -> run(p, gen, 0))
        .onFailure(
            e -> {
              log.warn("call {}: no TwiML: {}", sid, e.getMessage());
              finish(CallStatus.FAILED);
            });
  }

  /** The TwiML to run: inline {@code Twiml}, or fetched from {@code Url} with a signed POST. */
  private Future<TwimlProgram> program() {
    if (request.contains("Twiml"))
      return Future.succeededFuture(TwimlProgram.parse(request.get("Twiml")));
    return carrier.postSigned(request.get("Url"), callParams()).map(TwimlProgram::parse);
  }

  private void scheduleAmd() {
    boolean machine = persona.line() == Persona.Line.VOICEMAIL;
    int millis = machine ? persona.voicemailGreetingMillis() : carrier.options().amdHumanMillis();
    AmdResult result = machine ? AmdResult.MACHINE_END_BEEP : AmdResult.HUMAN;
    int gen = generation;
    later(
        gen,
        millis,
        () -> {
          callLog.add(CallLog.Kind.AMD, result.wire());
          String url = request.get("AsyncAmdStatusCallback");
          if (url == null) return;
          Map<String, String> p = new LinkedHashMap<>();
          p.put("AccountSid", carrier.options().accountSid());
          p.put("CallSid", sid);
          p.put("AnsweredBy", result.wire());
          p.put("MachineDetectionDuration", String.valueOf(millis));
          carrier
              .postSigned(url, p)
              .onFailure(e -> log.warn("call {}: AMD callback failed: {}", sid, e.getMessage()));
        });
  }

  private void run(TwimlProgram program, int gen, int index) {
    if (gen != generation || status.isFinal()) return;
    if (index >= program.verbs().size()) {
      finish(CallStatus.COMPLETED);
      return;
    }
    Runnable next = () -> run(program, gen, index + 1);
    TwimlProgram.Verb verb = program.verbs().get(index);
    if (verb instanceof TwimlProgram.ConnectStream s) {
      connect(s, gen, next);
    } else if (verb instanceof TwimlProgram.Play p) {
      callLog.add(CallLog.Kind.PLAYED, p.url());
      later(gen, 200, next);
    } else if (verb instanceof TwimlProgram.Dial d) {
      callLog.add(CallLog.Kind.DIALED, d.target());
      later(gen, 200, next);
    } else if (verb instanceof TwimlProgram.Pause p) {
      later(gen, p.seconds() * 1000L, next);
    } else {
      finish(CallStatus.COMPLETED);
    }
  }

  private void connect(TwimlProgram.ConnectStream s, int gen, Runnable next) {
    PhoneMediaStream media =
        new PhoneMediaStream(
            carrier.vertx(),
            carrier.options().accountSid(),
            sid,
            carrier.frameTimings(),
            carrier.callerTurns());
    stream = media;
    PersonaConversation talk =
        new PersonaConversation(
            carrier.vertx(),
            persona,
            carrier.options().voice(),
            media,
            callLog,
            () -> onContext(this::calleeHungUp),
            mark -> carrier.meaningOf(sid, mark));
    PhoneMediaStream.Ear ear =
        new PhoneMediaStream.Ear() {
          @Override
          public void onMark(String name, boolean played) {
            onContext(() -> talk.onMark(name, played));
          }

          @Override
          public void onPlayback(String nextMark, long playedMillis) {
            // Only barge-in personas care where playback is; skipping the hop saves a task per
            // frame.
            if (persona.bargeIn().isPresent())
              onContext(() -> talk.onPlayback(nextMark, playedMillis));
          }

          @Override
          public void onCutOff() {
            carrier.callerTurns().cutOff(persona.id());
            onContext(
                () -> {
                  callLog.add(CallLog.Kind.CUT_OFF, persona.id());
                  if (log.isDebugEnabled())
                    log.debug(
                        "call {}: {} cut off; the call so far: {}",
                        sid,
                        persona.id(),
                        callLog.entries());
                });
          }

          @Override
          public void onStopped() {
            onContext(
                () -> {
                  talk.onStopped();
                  callLog.add(CallLog.Kind.STREAM_STOPPED, media.streamSid());
                  if (stream == media) stream = null;
                  if (gen == generation) next.run();
                });
          }
        };
    String signature = carrier.signer().sign(s.url(), Map.of());
    media
        .open(carrier.webSockets(), s.url(), signature, s.parameters(), ear)
        .onSuccess(
            v ->
                onContext(
                    () -> {
                      if (recording != null) {
                        recording.catchUp(System.nanoTime());
                        media.recordInto(recording);
                      }
                      callLog.add(CallLog.Kind.STREAM_STARTED, media.streamSid());
                      talk.started();
                    }))
        .onFailure(
            e ->
                onContext(
                    () -> {
                      log.warn(
                          "call {}: media stream to {} refused: {}", sid, s.url(), e.getMessage());
                      if (gen == generation) finish(CallStatus.FAILED);
                    }));
  }

  /** REST update: hang up, or replace the running TwiML. */
  Future<Void> update(MultiMap form) {
    String newStatus = form.get("Status");
    if (newStatus != null) {
      if (!newStatus.equals("completed") && !newStatus.equals("canceled")) {
        return Future.failedFuture(
            new IllegalArgumentException("Status must be completed or canceled, got " + newStatus));
      }
      if (!status.isFinal())
        finish(status == CallStatus.IN_PROGRESS ? CallStatus.COMPLETED : CallStatus.CANCELED);
      return Future.succeededFuture();
    }
    if (status.isFinal())
      return Future.failedFuture(new IllegalStateException("call is not in-progress"));
    generation++;
    stopStream();
    int gen = generation;
    Future<TwimlProgram> next =
        form.contains("Twiml")
            ? Future.succeededFuture(TwimlProgram.parse(form.get("Twiml")))
            : carrier.postSigned(form.get("Url"), callParams()).map(TwimlProgram::parse);
    return next.onSuccess(p -> run(p, gen, 0)).mapEmpty();
  }

  private void calleeHungUp() {
    if (status.isFinal()) return;
    callLog.add(CallLog.Kind.HUNG_UP, "callee");
    finish(CallStatus.COMPLETED);
  }

  private void finish(CallStatus end) {
    if (status.isFinal()) return;
    generation++;
    if (answeredNanos != 0)
      durationSeconds =
          (int) Math.max(1, (System.nanoTime() - answeredNanos + 999_999_999L) / 1_000_000_000L);
    setStatus(end);
    stopStream();
    statusCallback("completed");
    if (recording != null) {
      recording.catchUp(System.nanoTime());
      carrier.recordingDone(this, recording, request.get("RecordingStatusCallback"));
      // Written to a file from here on; a finished call stays listed for 15 minutes and must not
      // keep its audio
      // (32 KB a second of call) for that long: a soak's heap grew by the last 15 minutes of
      // recordings.
      recording = null;
    }
    carrier.callEnded(this);
  }

  private void stopStream() {
    PhoneMediaStream s = stream;
    stream = null;
    if (s != null) s.stop();
  }

  private void setStatus(CallStatus s) {
    status = s;
    callLog.add(CallLog.Kind.STATUS, s.wire());
  }

  private void statusCallback(String event) {
    String url = request.get("StatusCallback");
    // Without StatusCallbackEvent Twilio reports only the final status.
    boolean wanted =
        statusEvents.isEmpty() ? event.equals("completed") : statusEvents.contains(event);
    if (url == null || !wanted) return;
    Map<String, String> p = callParams();
    p.put("CallbackSource", "call-progress-events");
    p.put("SequenceNumber", String.valueOf(callbackSeq++));
    p.put(
        "Timestamp",
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
    if (status.isFinal()) {
      p.put("CallDuration", String.valueOf(durationSeconds));
      p.put("Duration", String.valueOf((durationSeconds + 59) / 60));
    }
    carrier
        .postSigned(url, p)
        .onFailure(e -> log.warn("call {}: status callback failed: {}", sid, e.getMessage()));
  }

  private Map<String, String> callParams() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccountSid", carrier.options().accountSid());
    p.put("ApiVersion", "2010-04-01");
    p.put("CallSid", sid);
    p.put("CallStatus", status.wire());
    p.put("Direction", "outbound-api");
    p.put("From", from);
    p.put("To", to);
    return p;
  }

  private void later(int gen, long millis, Runnable r) {
    carrier
        .vertx()
        .setTimer(
            Math.max(1, millis),
            id ->
                onContext(
                    () -> {
                      if (gen == generation && !status.isFinal()) r.run();
                    }));
  }

  /** The Call resource as Twilio's REST API returns it (the fields the SDK reads). */
  JsonObject toJson() {
    String account = carrier.options().accountSid();
    return new JsonObject()
        .put("sid", sid)
        .put("account_sid", account)
        .put("to", to)
        .put("to_formatted", to)
        .put("from", from)
        .put("from_formatted", from)
        .put("status", status.wire())
        .put("direction", "outbound-api")
        .put("api_version", "2010-04-01")
        .put(
            "date_created",
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                created.atZone(java.time.ZoneOffset.UTC)))
        .put("duration", status.isFinal() ? String.valueOf(durationSeconds) : null)
        .put("uri", "/2010-04-01/Accounts/" + account + "/Calls/" + sid + ".json");
  }
}
