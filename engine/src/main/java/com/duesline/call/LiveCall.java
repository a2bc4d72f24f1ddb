package com.duesline.call;

import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.call.CallObserver.EndReason;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.Recognizer;
import com.duesline.speech.VoskRecognizer;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.carrier.MediaSession;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answered call, as a short fixed pipeline of small stages passing {@link CallEvent}s on the
 * call's own context: media in → voice activity → recognition → understanding → keypad →
 * turn-taking → dialogue → speaker → playback → media out, with a recorder observing. This class
 * builds the pipeline, ends the call, and offers the seams other features use: {@link #listen} (raw
 * audio both ways), {@link #takeOver} (the bot leaves the call to someone else), {@link #notice} (a
 * spoken notice mid-call) and keys-only calls (no recognizer).
 *
 * <p>Threading: every stage runs on the call's Vert.x context; recognition and understanding run on
 * the call's {@link SerialExecutor} (the speech pool, one task at a time), synthesis on the speech
 * pool; their results come back to the context as events. Nothing blocks the event loop.
 */
public final class LiveCall {
  private static final Logger LOG = LoggerFactory.getLogger(LiveCall.class);

  /** The prompt id of a notice injected with {@link #notice}. */
  public static final String NOTICE = "notice";

  /** Audio without speech after which the bot opens when the caller said nothing. */
  private static final long HELLO_WAIT_MS = 1500;

  /** Opens anyway if no audio arrived by then (a stream that sends nothing). */
  private static final long HELLO_WAIT_WALL_MS = 5000;

  /**
   * Hears a call's raw audio both ways (8 kHz µ-law: the caller's 20 ms frames, the bot's audio as
   * queued). On the call's context: must not block.
   */
  public interface AudioListener {
    /** One caller frame as it arrived. */
    void caller(byte[] mulaw);

    /** Bot audio as it was queued for playback. */
    void bot(byte[] mulaw);

    /** The bot's queued audio was dropped (barge-in, keys, take-over). */
    default void cleared() {}
  }

  private final MediaSession session;
  private final Carrier carrier;
  private final Conversation conversation;
  private final CallServices services;
  private final CallObserver observer;
  private final LocalDate today;
  private final CallBus bus;
  private final MediaStage media;
  private final TurnTakingStage turnTaking;
  private final PlaybackStage playback;
  private final CallRecorder recorder;
  private final SerialExecutor serial;
  private final SpeakerStage speaker;
  private boolean closing;
  private boolean faulted;
  private boolean streamStopped;
  private boolean transferred;

  /**
   * A call heard through Vosk in its track's language; keys-only when no model is installed for
   * that language (Chinese without {@code speech.models.zh}).
   *
   * @param questionKind maps the node of an open question to the kind named in its mark (e.g.
   *     {@code identity})
   */
  public LiveCall(
      MediaSession session,
      Carrier carrier,
      Conversation conversation,
      CallServices services,
      CallObserver observer,
      LocalDate today,
      Function<String, String> questionKind,
      Context context) {
    this(
        session,
        carrier,
        conversation,
        services,
        observer,
        today,
        questionKind,
        context,
        recognizers(services, conversation.track().lang()));
  }

  /**
   * The recognizer for calls in {@code lang}, or null when no model is installed for it (keys
   * only).
   */
  static Recognizer.Factory recognizers(CallServices services, String lang) {
    org.vosk.Model model = services.languageModels().get(lang);
    return model == null
        ? null
        : VoskRecognizer.factory(model, services.vad(), services.registry());
  }

  /**
   * A call heard through {@code recognizers}; with null it is keys-only (no recognition or
   * understanding stage: the caller answers by keypad, speech still interrupts the bot).
   */
  public LiveCall(
      MediaSession session,
      Carrier carrier,
      Conversation conversation,
      CallServices services,
      CallObserver observer,
      LocalDate today,
      Function<String, String> questionKind,
      Context context,
      Recognizer.Factory recognizers) {
    this.session = session;
    this.carrier = carrier;
    this.conversation = conversation;
    this.services = services;
    this.observer = observer;
    this.today = today;
    this.bus = new CallBus(CallContext.of(services.vertx(), context));
    this.media = new MediaStage(session, bus);
    this.serial = new SerialExecutor(services.speechPool(), services.speechUrgent());
    DialogueStage dialogue = new DialogueStage(bus, conversation, today, questionKind);
    this.playback =
        new PlaybackStage(
            bus,
            media,
            questionKind,
            () -> conversation.outcome().handoff(),
            conversation::currentNode,
            services.faultText(),
            services.faultAudio(),
            (mark, phase, kind) ->
                services.callerNotes().prompted(session.callSid(), mark, phase, kind));
    this.turnTaking =
        new TurnTakingStage(
            bus,
            new TurnTakingStage.Timings(
                HELLO_WAIT_MS, HELLO_WAIT_WALL_MS, services.silenceTimeoutMs()),
            playback,
            new Endpointing(services.endpointing()));
    this.recorder =
        new CallRecorder(
            services.registry(),
            t -> observer.onTurn(this, t),
            w -> observer.onPartial(this, w),
            conversation::currentNode,
            services.faultText());
    List<CallStage> stages = new ArrayList<>();
    VoiceActivityStage voiceActivity =
        new VoiceActivityStage(
            bus,
            services.vad(),
            services.cleanup(),
            services.endpointing(),
            turnTaking::endpointWaitMs);
    stages.add(voiceActivity);
    if (recognizers != null) {
      stages.add(new RecognitionStage(bus, serial, recognizers));
      stages.add(
          new UnderstandingStage(
              bus, serial, services.classifier(), services.minAsrConfidence(), today));
      stages.add(
          new ProsodyStage(bus, services.speechUrgent(), services.endpointing().riseSemitones()));
    }
    stages.add(new KeypadStage(bus, services.dtmfGapMs(), dialogue::menuKey));
    stages.add(turnTaking);
    if (services.speechBackground() != null) {
      stages.add(
          new RehearsalStage(
              dialogue::rehearse,
              turnTaking::currentWait,
              voiceActivity::noisyLine,
              services.speechBackground(),
              services.voice(),
              services.voice().synthesizes(conversation.track().lang())));
    }
    stages.add(dialogue);
    this.speaker = new SpeakerStage(bus, services.speechUrgent(), services.voice(), conversation);
    stages.add(speaker);
    stages.add(playback);
    stages.add(recorder);
    stages.add(this::onEvent);
    bus.stages(stages);
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
    return recorder.transcript();
  }

  /**
   * CPU seconds this call used on the speech pool so far (recognition, understanding, rendering its
   * replies).
   */
  public double cpuSeconds() {
    return serial.cpuSeconds() + speaker.cpuSeconds();
  }

  /**
   * Attaches to the media session and waits for the caller's greeting; call on the session's event
   * loop.
   */
  public void start() {
    media.attach();
    turnTaking.start();
    bus.context().setTimer(services.maxCallMs(), this::tooLong);
  }

  // ---- seams for other features ----

  /** Listen-in: {@code listener} hears the call's raw audio both ways until {@link #unlisten}. */
  public void listen(AudioListener listener) {
    media.listen(listener);
  }

  /** Stops a {@link #listen}. */
  public void unlisten(AudioListener listener) {
    media.unlisten(listener);
  }

  /**
   * Take-over: the bot stops talking and leaves the call (its audio is cleared, nothing more is
   * recognised or said, and the call is reported as transferred); the returned session is the new
   * owner's to speak on. Call on the call's context.
   */
  public MediaSession takeOver() {
    bus.emit(new Interrupt(Interrupt.Cause.KEYS, bus.context().nanos(), bus.context().nanos()));
    media.detach();
    bus.emit(new HangUp(EndReason.TRANSFERRED, bus.context().nanos()));
    return session;
  }

  /**
   * Says {@code text} now, between the bot's turns (e.g. "your payment has been received"); it may
   * be talked over, and the open question stays open. Call on the call's context.
   */
  public void notice(String text) {
    if (closing) return;
    String node = conversation.currentNode();
    BotTurn turn =
        new BotTurn(
            node,
            List.of(new Spoken(node, NOTICE, null, text, true, false)),
            null,
            Map.of(),
            false,
            conversation.outcome(),
            conversation.track().id(),
            conversation.track().version());
    bus.emit(
        new Reply(
            turn,
            null,
            node,
            conversation.matchContext(today),
            null,
            null,
            0,
            bus.context().nanos()));
  }

  // ---- the end ----

  /** A call past the time limit is ended, whatever state it is in: no call may hang open. */
  private void tooLong() {
    if (closing) return;
    LOG.warn(
        "call {} ended at the {} ms limit (node {}, playing {})",
        callSid(),
        services.maxCallMs(),
        conversation.currentNode(),
        playback.playing());
    bus.emit(new HangUp(EndReason.COMPLETED, bus.context().nanos()));
  }

  private void onEvent(CallEvent event) {
    if (event instanceof SpeechFault f) {
      if (!closing && !faulted) {
        faulted = true;
        LOG.warn(
            "call {}: prompt audio failed ({}); playing the fault message and ending the call",
            callSid(),
            f.failure().toString());
      }
    } else if (event instanceof HangUp h) {
      switch (h.reason()) {
        case STREAM_DROPPED -> streamStopped();
        case TRANSFERRED -> transferredNow();
        default -> finish();
      }
    }
  }

  private void finish() {
    if (closing) return;
    closing = true;
    if (conversation.outcome().handoff() && !faulted) {
      observer.onHandoff(this, conversation.outcome().disposition(), transcript());
      return;
    }
    carrier
        .hangUp(callSid())
        .onComplete(
            ar -> {
              session.stop();
              observer.onEnded(
                  this,
                  conversation.outcome(),
                  faulted ? EndReason.SPEECH_FAILED : EndReason.COMPLETED);
            });
  }

  private void streamStopped() {
    streamStopped = true;
    boolean wasClosing = closing;
    closing = true;
    // A caller who hangs up on the fault message ends a call that failed for its speech, not a
    // dropped one.
    if (!wasClosing)
      observer.onEnded(
          this,
          conversation.outcome(),
          faulted ? EndReason.SPEECH_FAILED : EndReason.STREAM_DROPPED);
  }

  private void transferredNow() {
    if (transferred) return;
    transferred = true;
    closing = true;
    observer.onEnded(this, conversation.outcome(), EndReason.TRANSFERRED);
  }

  /**
   * Says one last thing after a hand-off nobody took (rendered now, on the speech pool), then the
   * future completes once it has had time to play; the caller is hung up on by whoever waits on it.
   */
  public Future<Void> sayLast(String text) {
    Promise<Void> done = Promise.promise();
    CompletableFuture.supplyAsync(
            () -> services.prompts().get(text, "", AudioFormatKind.MULAW8K).data(),
            services.speechPool())
        .whenComplete(
            (audio, failure) ->
                bus.context()
                    .run(
                        () -> {
                          if (failure != null || streamStopped) {
                            done.complete();
                            return;
                          }
                          media.sendAudio(audio);
                          String mark = playback.markName();
                          services.callerNotes().prompted(callSid(), mark, "end", "callback");
                          media.sendMark(mark);
                          recorder.said(text, "callback");
                          services.vertx().setTimer(audio.length / 8 + 400, t -> done.complete());
                        }));
    return done.future();
  }

  /** The hand-off went through: the call now belongs to an agent. */
  public void transferred() {
    transferredNow();
  }
}
