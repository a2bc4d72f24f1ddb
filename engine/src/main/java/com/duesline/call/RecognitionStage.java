package com.duesline.call;

import com.duesline.call.CallEvent.Final;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Partial;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechAudio;
import com.duesline.call.CallEvent.SpeechPaused;
import com.duesline.call.CallEvent.SpeechResumed;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.intent.IntentMatch;
import com.duesline.speech.RecognitionEvent;
import com.duesline.speech.RecognizedWord;
import com.duesline.speech.Recognizer;
import java.util.List;

/**
 * Recognition: feeds the gated utterances to the call's {@link Recognizer} on the call's serial
 * worker (decoding never runs on the event loop, and one call's audio stays in order), and brings
 * partials and finals back to the call's context. Finals carry when the caller's last word ended.
 */
final class RecognitionStage implements CallStage {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RecognitionStage.class);

  /** The caller's line in the transcript when recognition failed. */
  static final String FAILED = "[speech recognition failed]";

  /**
   * The catalogue's intent for asking for a person (every track's common handlers send it to the
   * hand-off).
   */
  static final String REQUEST_HUMAN = "request_human";

  private final CallBus bus;
  private final SerialExecutor serial;
  private final Recognizer recognizer;
  // Touched only on the serial worker.
  private boolean open;
  private boolean closed;

  /**
   * The recognizer threw: it is closed, and each utterance from now on asks for a person (see
   * {@link #failure}).
   */
  private boolean failed;

  RecognitionStage(CallBus bus, SerialExecutor serial, Recognizer.Factory recognizers) {
    this.bus = bus;
    this.serial = serial;
    this.recognizer = recognizers.open(this::onPartial);
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof SpeechStarted s) {
      serial.execute(
          () -> {
            if (closed) return;
            open = true;
            guarded(() -> recognizer.begin(s.streamSeconds()));
          });
    } else if (event instanceof SpeechAudio a) {
      serial.execute(
          () -> {
            if (!closed && open) guarded(() -> recognizer.accept(a.pcm(), a.pcm().length));
          });
    } else if (event instanceof SpeechPaused) {
      // Endpointing judges the pause by the words so far: they come now, ahead of other calls'
      // routine decoding, not up to a partial interval later.
      serial.executeUrgent(
          () -> {
            if (!closed && open) guarded(() -> recognizer.paused(true));
          });
    } else if (event instanceof SpeechResumed) {
      serial.execute(
          () -> {
            if (!closed && open) guarded(() -> recognizer.paused(false));
          });
    } else if (event instanceof SpeechStopped s) {
      // The caller waits for this one: the call's queue goes ahead of other calls' routine
      // decoding.
      serial.executeUrgent(
          () -> {
            if (closed || !open) return;
            open = false;
            RecognitionEvent[] result = {null};
            guarded(() -> result[0] = recognizer.end());
            bus.post(failed ? failure(s.at()) : finalOf(result[0], s.at(), System.nanoTime()));
          });
    } else if (event instanceof Reply r) {
      // Biases recognition to the answers the open question expects.
      if (r.matchContext() != null)
        serial.execute(() -> guarded(() -> recognizer.setHints(r.hints())));
    } else if (event instanceof HangUp) {
      serial.execute(
          () -> {
            if (closed) return;
            closed = true;
            if (!failed) recognizer.close();
          });
    }
  }

  /**
   * Runs a recognizer call unless it failed before; a failure closes it, and the call goes on
   * without it.
   */
  private void guarded(Runnable call) {
    if (failed) return;
    try {
      call.run();
    } catch (RuntimeException e) {
      failed = true;
      LOG.warn(
          "speech recognition failed on this call ({}); the caller is offered a person",
          e.toString(),
          e);
      try {
        recognizer.close();
      } catch (RuntimeException ignored) {
        // Already broken; nothing more to release.
      }
    }
  }

  /**
   * What an utterance means once recognition has failed: a request for a person, so the track hands
   * the call over (its request_human answer) instead of reprompting a caller it cannot hear until
   * the call times out. The transcript keeps the reason as the caller's words.
   */
  static Heard failure(long stoppedAt) {
    RecognitionEvent nothing =
        new RecognitionEvent(RecognitionEvent.Kind.FINAL, FAILED, List.of(), 0, false);
    IntentMatch asksForAPerson =
        new IntentMatch(FAILED, REQUEST_HUMAN, 1.0, List.of(), java.util.Map.of());
    return new Heard(new Final(nothing, stoppedAt, 0, 0, stoppedAt), asksForAPerson, 0, stoppedAt);
  }

  /**
   * The final, timed: the VAD stopped {@code stoppedAt}; the silence after the last word is the
   * endpointing wait.
   */
  static Final finalOf(RecognitionEvent result, long stoppedAt, long now) {
    List<RecognizedWord> words = result.words();
    double lastWordEnd = words.isEmpty() ? result.at() : words.get(words.size() - 1).end();
    double endpointMs = Math.max(0, (result.at() - lastWordEnd) * 1000);
    long callerStopped = stoppedAt - (long) (endpointMs * 1e6);
    return new Final(result, callerStopped, endpointMs, (now - stoppedAt) / 1e6, now);
  }

  private void onPartial(RecognitionEvent event) {
    // On the serial worker; the recognizer reports only changed words.
    if (!event.text().isBlank())
      bus.post(new Partial(event.text(), event.constrained(), System.nanoTime()));
  }
}
