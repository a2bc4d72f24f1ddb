package com.duesline.call;

import com.duesline.call.CallObserver.EndReason;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import com.duesline.intent.IntentClassifier;
import com.duesline.intent.IntentMatch;
import com.duesline.intent.MatchContext;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.PhraseHints;
import com.duesline.speech.RecognitionEvent;
import com.duesline.speech.StreamingRecognizer;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.carrier.MediaFrame;
import com.duesline.telephony.carrier.MediaSession;
import com.duesline.telephony.local.MarkName;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of one answered call: caller audio → VAD/endpointing → streaming Vosk → intent →
 * conversation → prompt audio (cache first) → frames out with marks; caller speech over an
 * interruptible prompt clears playback (barge-in); silence reprompts; DTMF answers any question.
 *
 * <p>Threading: every field is owned by the call's Vert.x context (its event loop) except the
 * recognizer, which only the call's {@link SerialExecutor} touches on the speech pool. Decoding,
 * matching and synthesis never run on the event loop.
 */
public final class LiveCall {
  private static final Logger LOG = LoggerFactory.getLogger(LiveCall.class);
  private static final Set<String> YES_NO = Set.of("affirm", "deny");

  private final MediaSession session;
  private final Carrier carrier;
  private final Conversation conversation;
  private final CallServices services;
  private final CallObserver observer;
  private final LocalDate today;
  private final Function<String, String> questionKind;
  private final Context context;
  private final SerialExecutor serial;
  private final StreamingRecognizer recognizer;
  private final Timer turnTimer;
  private final Timer bargeInTimer;

  private final Deque<Playing> playing = new ArrayDeque<>();
  private final List<TurnRecord> transcript = new ArrayList<>();
  private volatile MatchContext matchContext;
  private long playHeadNanos;
  private static final long HELLO_WAIT_MS = 1500;
  /** Opens anyway if no audio has been decoded by then (a stream that sends nothing). */
  private static final long HELLO_WAIT_WALL_MS = 5000;
  private boolean awaitingHello;
  private long helloTimer = -1;
  private long silenceTimer = -1;
  private long dtmfTimer = -1;
  private final StringBuilder keys = new StringBuilder();
  private int marks;
  private boolean ended;
  private boolean closing;
  /** The bot's audio failed on this call: the fault message was played instead. */
  private boolean faulted;
  /** The carrier closed the media stream: nothing more can be said on this call. */
  private boolean streamStopped;
  // Touched only on the serial executor.
  private boolean speaking;
  private boolean helloSpeech;
  private int silentHelloFrames;
  private long frameArrivalNanos;
  private long decodeStartNanos;
  private String lastPartial = "";

  /** A prompt sent to the carrier whose mark has not come back yet. */
  private record Playing(String mark, Spoken spoken, double seconds, boolean endOfCall) {}

  /** What the runtime measured about a caller turn before the bot answered. */
  private record Heard(RecognitionEvent event, IntentMatch match, long callerStoppedNanos, double endpointMs, double asrMs,
      double intentMs) {}

  /**
   * @param questionKind maps the node of an open question to the kind named in its mark (e.g. {@code identity})
   */
  public LiveCall(MediaSession session, Carrier carrier, Conversation conversation, CallServices services,
      CallObserver observer, LocalDate today, Function<String, String> questionKind, Context context) {
    this.session = session;
    this.carrier = carrier;
    this.conversation = conversation;
    this.services = services;
    this.observer = observer;
    this.today = today;
    this.questionKind = questionKind;
    this.context = context;
    this.serial = new SerialExecutor(services.speechPool());
    // No recognizer model for the call's language (Chinese without speech.models.zh): the call runs on keys alone.
    org.vosk.Model model = services.languageModels().get(conversation.track().lang());
    this.recognizer = model == null ? null : new StreamingRecognizer(model, 8000, services.vad(), services.registry(), this::onRecognition);
    this.turnTimer = Timer.builder("duesline.turn.latency").description("Caller stops speaking to first bot audio frame")
        .publishPercentiles(0.5, 0.95, 0.99).register(services.registry());
    this.bargeInTimer = Timer.builder("duesline.bargein.stop").description("Caller speech detected to playback cleared")
        .register(services.registry());
  }

  /** The carrier's call id. */
  public String callSid() {
    return session.callSid();
  }

  /** The Media Streams custom parameters (the contact task id travels there). */
  public Map<String, String> parameters() {
    return session.customParameters();
  }

  /** The conversation this call runs (read its outcome; don't drive it from outside). */
  public Conversation conversation() {
    return conversation;
  }

  /** The turns so far, in order. */
  public List<TurnRecord> transcript() {
    return List.copyOf(transcript);
  }

  /** Attaches to the media session and speaks the opening; call on the session's event loop. */
  public void start() {
    session.onFrame(this::onFrame).onMark(this::onMark).onDtmf(this::onDtmf).onStop(this::onStreamStopped);
    // People answer with "hello?": the bot lets them finish (or waits a moment of silence) before its opening,
    // so the greeting is not taken as the answer to the first question.
    // The moment of silence is counted in decoded audio, not wall time: under load decoding lags, and a
    // wall-clock wait would open while a "hello" that already arrived is still queued for the recognizer.
    awaitingHello = true;
    helloTimer = services.vertx().setTimer(HELLO_WAIT_WALL_MS, id -> context.runOnContext(v -> open()));
    services.vertx().setTimer(services.maxCallMs(), id -> context.runOnContext(v -> tooLong()));
  }

  /** A call past the time limit is ended, whatever state it is in: no call may hang open. */
  private void tooLong() {
    if (closing) return;
    LOG.warn("call {} ended at the {} ms limit (node {}, {} prompts unacknowledged, awaiting hello {})",
        callSid(), services.maxCallMs(), conversation.currentNode(), playing.size(), awaitingHello);
    ended = true;
    finish();
  }

  private void open() {
    if (!awaitingHello || closing) return;
    awaitingHello = false;
    services.vertx().cancelTimer(helloTimer);
    speak(conversation.start(), null);
  }

  // ---- inbound audio (event loop → serial worker) ----

  private void onFrame(MediaFrame frame) {
    if (ended) return;
    long arrived = System.nanoTime();
    byte[] audio = frame.mulaw();
    serial.execute(() -> decode(audio, arrived));
  }

  private void decode(byte[] audio, long arrived) {
    if (closing) return;
    if (recognizer == null) {
      // Keys only: nothing to hear, so the opening waits the same moment of line audio a silent "hello" would.
      if (++silentHelloFrames == HELLO_WAIT_MS / 20) context.runOnContext(v -> open());
      return;
    }
    frameArrivalNanos = arrived;
    decodeStartNanos = System.nanoTime();
    recognizer.acceptMulaw(audio, 0, audio.length);
    boolean now = recognizer.inUtterance();
    if (now) helloSpeech = true;
    else if (!helloSpeech && ++silentHelloFrames == HELLO_WAIT_MS / 20) context.runOnContext(v -> open());
    if (now && !speaking) {
      context.runOnContext(v -> onSpeechStarted(arrived));
    }
    speaking = now;
  }

  private void onRecognition(RecognitionEvent event) {
    // On the serial worker, inside decode().
    if (event.kind() != RecognitionEvent.Kind.FINAL) {
      // Words as they are heard, for whoever watches the call; only when they changed.
      String words = event.text();
      if (!words.isBlank() && !words.equals(lastPartial)) {
        lastPartial = words;
        context.runOnContext(v -> observer.onPartial(this, words));
      }
      return;
    }
    lastPartial = "";
    long decoded = System.nanoTime();
    double asrMs = (decoded - decodeStartNanos) / 1e6;
    double lastWordEnd = event.words().isEmpty() ? event.at() : event.words().get(event.words().size() - 1).end();
    double endpointMs = Math.max(0, (event.at() - lastWordEnd) * 1000);
    long callerStopped = frameArrivalNanos - (long) (endpointMs * 1e6);
    if (event.text().isBlank()) {
      context.runOnContext(v -> onNothingHeard());
      return;
    }
    long t0 = System.nanoTime();
    MatchContext ctx = matchContext != null ? matchContext : MatchContext.open("en", today);
    IntentMatch match = services.classifier().classify(event.text(), ctx);
    if (!event.fromHints() && event.confidence() < services.minAsrConfidence()) {
      // Poorly heard: let the track's no-match path ask again rather than act on a guess.
      match = new IntentMatch(match.text(), IntentClassifier.OUT_OF_SCOPE, match.score(), match.alternatives(), Map.of());
    }
    double intentMs = (System.nanoTime() - t0) / 1e6;
    Heard heard = new Heard(event, match, callerStopped, endpointMs, asrMs, intentMs);
    context.runOnContext(v -> onUtterance(heard));
  }

  // ---- conversation (event loop) ----

  private void onSpeechStarted(long arrivedNanos) {
    if (ended) return;
    if (awaitingHello) {
      services.vertx().cancelTimer(helloTimer);
      return;
    }
    cancelSilenceTimer();
    if (playing.isEmpty()) return;
    boolean interruptible = playing.stream().allMatch(p -> p.spoken().interruptible() && !p.endOfCall());
    if (!interruptible) return;
    Playing cut = playing.peekFirst();
    double heard = cut.seconds() <= 0 ? 1 : Math.min(1, (System.nanoTime() - playHeadNanos) / 1e9 / cut.seconds());
    session.clear();
    bargeInTimer.record(System.nanoTime() - arrivedNanos, TimeUnit.NANOSECONDS);
    record(new TurnRecord(0, "bot", cut.spoken().node(), "[barge-in]", null, 0, Map.of(), cut.spoken().promptId(),
        cut.spoken().variant(), null, heard));
  }

  private void onUtterance(Heard heard) {
    if (closing) return;
    IntentMatch m = heard.match();
    if (awaitingHello) {
      record(new TurnRecord(0, "caller", null, heard.event().text(), m.intent(), m.score(), m.entities(), null, null, null, null));
      open();
      return;
    }
    if (ended || conversation.ended()) return;
    cancelSilenceTimer();
    String askedAt = conversation.currentNode();
    long engineStart = System.nanoTime();
    BotTurn reply = conversation.take(new CallerTurn.Heard(m));
    double engineMs = (System.nanoTime() - engineStart) / 1e6;
    speak(reply, sent -> {
      double totalMs = (sent.firstFrameNanos - heard.callerStoppedNanos()) / 1e6;
      TurnLatency latency = new TurnLatency(heard.endpointMs(), heard.asrMs(), heard.intentMs(), engineMs, sent.ttsMs, totalMs);
      turnTimer.record((long) (totalMs * 1e6), TimeUnit.NANOSECONDS);
      record(new TurnRecord(0, "caller", askedAt, heard.event().text(), m.intent(), m.score(), m.entities(), null, null,
          latency, null));
    });
  }

  private void onNothingHeard() {
    if (awaitingHello) open();
    else if (!ended && playing.isEmpty()) startSilenceTimer();
  }

  private void onDtmf(String digit) {
    if (ended || closing) return;
    cancelSilenceTimer();
    if (!playing.isEmpty()) session.clear();
    if (dtmfTimer >= 0) services.vertx().cancelTimer(dtmfTimer);
    dtmfTimer = -1;
    var node = conversation.track().node(conversation.currentNode());
    boolean menuKey = keys.length() == 0 && node != null && node.verify() == null && node.dtmf().containsKey(digit);
    if (digit.equals("#") || menuKey) {
      // '#' stays on the answer: it tells a typed entry ("9#": nine months) from a single key (9: stop calling).
      keys.append(digit);
      takeKeys();
      return;
    }
    keys.append(digit);
    // Several keys make one answer (a unit number, a date): it is complete at '#' or after a pause.
    dtmfTimer = services.vertx().setTimer(services.dtmfGapMs(), id -> context.runOnContext(v -> {
      dtmfTimer = -1;
      takeKeys();
    }));
  }

  private void takeKeys() {
    if (keys.length() == 0 || keys.toString().equals("#")) keys.setLength(0);
    if (keys.length() == 0 || ended || closing || conversation.ended()) return;
    String digits = keys.toString();
    keys.setLength(0);
    record(new TurnRecord(0, "caller", conversation.currentNode(), "[keys " + digits + "]", null, 0, Map.of(), null, null, null, null));
    speak(conversation.take(new CallerTurn.Keys(digits)), null);
  }

  private void onSilence() {
    silenceTimer = -1;
    if (ended || closing || conversation.ended() || !playing.isEmpty()) return;
    record(new TurnRecord(0, "caller", conversation.currentNode(), "[silence]", null, 0, Map.of(), null, null, null, null));
    speak(conversation.take(CallerTurn.silence()), null);
  }

  /** Result of sending a turn's audio: when its first frame left and how long synthesis took. */
  private static final class Sent {
    long firstFrameNanos;
    double ttsMs;
  }

  /** Renders and sends a bot turn; {@code beforeSend} (may be null) records what led to it, so the transcript keeps its order. */
  private void speak(BotTurn turn, java.util.function.Consumer<Sent> beforeSend) {
    if (faulted) return;
    matchContext = turn.ended() ? null : conversation.matchContext(today);
    if (matchContext != null) {
      recognizerHints(matchContext);
    }
    List<Spoken> prompts = turn.spoken();
    Map<String, Object> values = conversation.variables();
    long ttsStart = System.nanoTime();
    CompletableFuture.supplyAsync(() -> render(prompts, values), services.speechPool()).whenComplete((audio, failure) ->
        context.runOnContext(v -> {
          if (faulted) return;
          Sent sent = new Sent();
          sent.ttsMs = (System.nanoTime() - ttsStart) / 1e6;
          if (failure != null) {
            // Without audio the bot cannot go on with this call: play the fault message rendered at start,
            // then end it (recorded as speech_failed, so the ladder calls back). Other calls are untouched.
            LOG.warn("call {}: prompt audio failed ({}); playing the fault message and ending the call", callSid(), failure.toString());
            playFault();
          } else {
            sent.firstFrameNanos = System.nanoTime();
            if (beforeSend != null) beforeSend.accept(sent);
            send(turn, prompts, audio, sent);
          }
        }));
  }

  private List<byte[]> render(List<Spoken> prompts, Map<String, Object> values) {
    List<byte[]> out = new ArrayList<>(prompts.size());
    for (Spoken s : prompts) out.add(services.voice().mulaw(s, conversation, values));
    return out;
  }

  private void playFault() {
    if (closing || faulted) return;
    faulted = true;
    ended = true;
    String node = conversation.currentNode();
    String mark = MarkName.of("end", "fault") + "#" + (++marks);
    session.sendAudio(services.faultAudio());
    session.sendMark(mark);
    Spoken fault = new Spoken(node, "fault", null, services.faultText(), false, true);
    playing.addLast(new Playing(mark, fault, services.faultAudio().length / 8000.0, true));
    record(new TurnRecord(0, "bot", node, "[speech failed] " + services.faultText(), null, 0, Map.of(), "fault", null, null, null));
  }

  private void send(BotTurn turn, List<Spoken> prompts, List<byte[]> audio, Sent sent) {
    if (closing) return;
    if (playing.isEmpty()) playHeadNanos = sent.firstFrameNanos;
    for (int i = 0; i < audio.size(); i++) {
      Spoken s = prompts.get(i);
      boolean last = i == audio.size() - 1;
      // A hand-off's hold message is no goodbye: the caller stays on the line for the agent.
      String phase = !last ? "say" : !turn.ended() ? "ask" : conversation.outcome().handoff() ? "say" : "end";
      String kind = phase.equals("ask") ? questionKind.apply(turn.node()) : s.node();
      // The mark convention is the carrier module's (MarkName); #n keeps repeated prompts distinct.
      String mark = MarkName.of(phase, kind) + "#" + (++marks);
      session.sendAudio(audio.get(i));
      session.sendMark(mark);
      playing.addLast(new Playing(mark, s, audio.get(i).length / 8000.0, last && turn.ended()));
      record(new TurnRecord(0, "bot", s.node(), s.text(), null, 0, Map.of(), s.promptId(), s.variant(), null, null));
    }
    if (turn.ended()) {
      ended = true;
      if (audio.isEmpty()) finish();
    }
  }

  private void onMark(String name) {
    while (!playing.isEmpty()) {
      Playing p = playing.pollFirst();
      if (p.mark().equals(name)) break;
    }
    playHeadNanos = System.nanoTime();
    if (!playing.isEmpty()) return;
    if (ended) finish();
    else startSilenceTimer();
  }

  private void finish() {
    if (closing) return;
    closing = true;
    cancelSilenceTimer();
    closeRecognizer();
    if (conversation.outcome().handoff() && !faulted) {
      observer.onHandoff(this, conversation.outcome().disposition(), transcript());
      return;
    }
    carrier.hangUp(callSid()).onComplete(ar -> {
      session.stop();
      observer.onEnded(this, conversation.outcome(), faulted ? EndReason.SPEECH_FAILED : EndReason.COMPLETED);
    });
  }

  /**
   * Says one last thing after a hand-off nobody took (rendered now, on the speech pool), then the
   * future completes once it has had time to play; the caller is hung up on by whoever waits on it.
   */
  public Future<Void> sayLast(String text) {
    Promise<Void> done = Promise.promise();
    CompletableFuture.supplyAsync(() -> services.prompts().get(text, "", AudioFormatKind.MULAW8K).data(), services.speechPool())
        .whenComplete((audio, failure) -> context.runOnContext(v -> {
          if (failure != null || streamStopped) {
            done.complete();
            return;
          }
          session.sendAudio(audio);
          session.sendMark(MarkName.of("end", "callback") + "#" + (++marks));
          record(new TurnRecord(0, "bot", conversation.currentNode(), text, null, 0, Map.of(), "callback", null, null, null));
          services.vertx().setTimer(audio.length / 8 + 400, t -> done.complete());
        }));
    return done.future();
  }

  /** The hand-off went through: the call now belongs to an agent. */
  public void transferred() {
    closing = true;
    observer.onEnded(this, conversation.outcome(), EndReason.TRANSFERRED);
  }

  private void onStreamStopped() {
    streamStopped = true;
    boolean wasClosing = closing;
    closing = true;
    ended = true;
    cancelSilenceTimer();
    closeRecognizer();
    // A caller who hangs up on the fault message ends a call that failed for its speech, not a dropped one.
    if (!wasClosing) observer.onEnded(this, conversation.outcome(), faulted ? EndReason.SPEECH_FAILED : EndReason.STREAM_DROPPED);
  }

  /** Biases recognition to the answers the open question expects: digits where it verifies a number, yes/no where that is all it takes. */
  private void recognizerHints(MatchContext ctx) {
    var node = conversation.track().node(conversation.currentNode());
    PhraseHints hints = null;
    if ("en".equals(ctx.lang()) && node != null && node.verify() != null) hints = PhraseHints.digits();
    else if ("en".equals(ctx.lang()) && !ctx.expected().isEmpty() && YES_NO.containsAll(ctx.expected())) hints = PhraseHints.yesNo();
    PhraseHints chosen = hints;
    if (recognizer != null) serial.execute(() -> recognizer.setHints(chosen));
  }

  private void closeRecognizer() {
    if (recognizer != null) serial.execute(recognizer::close);
  }

  private void startSilenceTimer() {
    cancelSilenceTimer();
    silenceTimer = services.vertx().setTimer(services.silenceTimeoutMs(), id -> context.runOnContext(v -> onSilence()));
  }

  private void cancelSilenceTimer() {
    if (silenceTimer >= 0) services.vertx().cancelTimer(silenceTimer);
    silenceTimer = -1;
  }

  private void record(TurnRecord raw) {
    TurnRecord t = new TurnRecord(transcript.size() + 1, raw.speaker(), raw.node(), raw.text(), raw.intent(), raw.score(),
        raw.entities(), raw.promptId(), raw.variant(), raw.latency(), raw.heardFraction());
    transcript.add(t);
    observer.onTurn(this, t);
  }
}
