package com.duesline.call;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Continued;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.call.CallObserver.EndReason;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.intent.IntentClassifier;
import com.duesline.intent.MatchContext;
import com.duesline.speech.AudioCleaner;
import com.duesline.speech.PhraseHints;
import com.duesline.speech.Recognizer;
import com.duesline.speech.Vad;
import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Resampler;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Hears a recorded answer the way a live call hears it at the conversation's open question: the
 * audio goes onto the phone line (8 kHz µ-law), then through the call's own voice-activity,
 * recognition (with the question's grammar beside the open recognizer) and understanding stages.
 * The whole recording is one answer: where the call's voice activity would split it at a long
 * pause, the later part continues the earlier one, as a caller who goes on is heard on a call. The
 * playground's spoken turns use it, so a script writer hears what a caller would be heard saying.
 */
public final class UtteranceHearing {
  /** 20 ms of µ-law at 8 kHz: the carrier's frame. */
  private static final int FRAME = 160;

  /**
   * Silence appended after the recording so its last utterance ends (the stage ends it on the first
   * silent frame).
   */
  private static final int TAIL_FRAMES = 50;

  /**
   * Longest wait for recognition and understanding of one utterance (the speech pool may be busy
   * with calls).
   */
  private static final long RESULT_TIMEOUT_S = 60;

  private final Function<String, Recognizer.Factory> recognizers;
  private final IntentClassifier classifier;
  private final double minAsrConfidence;
  private final Vad.Settings vad;
  private final AudioCleaner.Settings cleanup;
  private final Endpointing.Settings endpointing;
  private final Executor speechPool;
  private final Executor speechUrgent;
  private final Function<String, String> questionKind;

  /**
   * What was heard: the answer as the call's stages understood it, the caller turn a call would
   * take, the grammar listened with (null: the open recognizer alone), and in how many utterances
   * the call's voice activity heard it (more than one: the later ones continued the first).
   */
  public record Answer(Heard heard, CallerTurn turn, PhraseHints hints, int utterances) {}

  /**
   * @param recognizers the recognizer for a language (null when none is installed)
   * @param minAsrConfidence below this mean word confidence an utterance counts as not understood
   *     ({@code calls.min-asr-confidence})
   * @param questionKind maps the node of an open question to its kind (which grammar it listens
   *     with)
   */
  public UtteranceHearing(
      Function<String, Recognizer.Factory> recognizers,
      IntentClassifier classifier,
      double minAsrConfidence,
      Vad.Settings vad,
      AudioCleaner.Settings cleanup,
      Endpointing.Settings endpointing,
      Executor speechPool,
      Executor speechUrgent,
      Function<String, String> questionKind) {
    this.recognizers = recognizers;
    this.classifier = classifier;
    this.minAsrConfidence = minAsrConfidence;
    this.vad = vad;
    this.cleanup = cleanup;
    this.endpointing = endpointing;
    this.speechPool = speechPool;
    this.speechUrgent = speechUrgent;
    this.questionKind = questionKind;
  }

  /** Hears with the live calls' own parts and settings. */
  public static UtteranceHearing of(CallServices services, Function<String, String> questionKind) {
    return new UtteranceHearing(
        lang -> LiveCall.recognizers(services, lang),
        services.classifier(),
        services.minAsrConfidence(),
        services.vad(),
        services.cleanup(),
        services.endpointing(),
        services.speechPool(),
        services.speechUrgent(),
        questionKind);
  }

  /** Whether answers in {@code lang} can be heard (a recognizer is installed for it). */
  public boolean hears(String lang) {
    return recognizers.apply(lang) != null;
  }

  /**
   * What {@code samples} (mono PCM at {@code rate} Hz) say at the conversation's open question;
   * empty when no speech was heard in them. Blocking (recognition runs on the speech pool): never
   * call it on an event loop.
   *
   * @throws IllegalArgumentException when no recognizer is installed for the conversation's
   *     language
   */
  public Optional<Answer> hear(
      Conversation conversation, LocalDate today, short[] samples, int rate)
      throws InterruptedException {
    String lang = conversation.track().lang();
    Recognizer.Factory factory = recognizers.apply(lang);
    if (factory == null)
      throw new IllegalArgumentException("no recognizer is installed for '" + lang + "'");
    MatchContext ctx = conversation.matchContext(today);
    PhraseHints hints = DialogueStage.hints(conversation, ctx, questionKind);
    byte[] line = MuLaw.encode(rate == 8000 ? samples : Resampler.resample(samples, rate, 8000));

    CallBus bus = new CallBus(new Inline());
    // The utterance in progress ends only where the recording does, or at the voice activity's own
    // hang-over.
    long[] endpointWait = {Long.MAX_VALUE};
    SerialExecutor serial = new SerialExecutor(speechPool, speechUrgent);
    LinkedBlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    AtomicInteger stopped = new AtomicInteger();
    AtomicBoolean noisyLine = new AtomicBoolean();
    bus.stages(
        java.util.List.of(
            new VoiceActivityStage(bus, vad, cleanup, endpointing, () -> endpointWait[0]),
            new RecognitionStage(bus, serial, factory),
            new UnderstandingStage(bus, serial, classifier, minAsrConfidence, today),
            event -> {
              if (event instanceof Heard h) heard.add(h);
              else if (event instanceof SpeechStopped s) {
                noisyLine.set(s.noisyLine());
                stopped.incrementAndGet();
              }
            }));
    Heard answer = null;
    int understood = 0;
    int withWords = 0;
    try {
      bus.post(
          new Reply(
              null,
              null,
              conversation.currentNode(),
              ctx,
              hints,
              DialogueStage.question(conversation, ctx, questionKind),
              0,
              System.nanoTime()));
      byte[] silence = new byte[FRAME];
      Arrays.fill(silence, MuLaw.encode((short) 0));
      int frames = (line.length + FRAME - 1) / FRAME;
      for (int i = 0; i < frames + TAIL_FRAMES; i++) {
        byte[] frame =
            i < frames
                ? Arrays.copyOfRange(line, i * FRAME, Math.min(line.length, (i + 1) * FRAME))
                : silence;
        if (i == frames) endpointWait[0] = 0;
        bus.post(
            new AudioIn(
                frame.length == FRAME ? frame : Arrays.copyOf(frame, FRAME), System.nanoTime()));
        while (understood < stopped.get()) {
          Heard h = heard.poll(RESULT_TIMEOUT_S, TimeUnit.SECONDS);
          if (h == null)
            throw new IllegalStateException(
                "no result for an utterance within " + RESULT_TIMEOUT_S + " s");
          understood++;
          if (h.text().isBlank()) continue;
          answer = h;
          withWords++;
          // What follows continues this utterance: understood with its words before it, as on a
          // call.
          bus.post(
              new Continued(
                  new CallerTook(TurnTakingStage.turnOf(h, noisyLine.get()), h, h.at()),
                  null,
                  System.nanoTime()));
        }
      }
    } finally {
      bus.post(new HangUp(EndReason.COMPLETED, System.nanoTime()));
    }
    return answer == null
        ? Optional.empty()
        : Optional.of(
            new Answer(answer, TurnTakingStage.turnOf(answer, noisyLine.get()), hints, withWords));
  }

  /**
   * The calling thread is the call's context: events are dispatched under one lock; the stages used
   * here set no timers.
   */
  private static final class Inline implements CallContext {
    private final Object lock = new Object();

    @Override
    public long nanos() {
      return System.nanoTime();
    }

    @Override
    public long setTimer(long ms, Runnable action) {
      throw new UnsupportedOperationException("a hearing has no timers");
    }

    @Override
    public void cancelTimer(long id) {
      // No timers.
    }

    @Override
    public void run(Runnable action) {
      synchronized (lock) {
        action.run();
      }
    }
  }
}
