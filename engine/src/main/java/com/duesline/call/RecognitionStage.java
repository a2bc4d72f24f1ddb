package com.duesline.call;

import com.duesline.call.CallEvent.Final;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Partial;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechAudio;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.speech.RecognitionEvent;
import com.duesline.speech.RecognizedWord;
import com.duesline.speech.Recognizer;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Recognition: feeds the gated utterances to the call's {@link Recognizer} on the call's serial
 * worker (decoding never runs on the event loop, and one call's audio stays in order), and brings
 * partials and finals back to the call's context. Finals carry when the caller's last word ended.
 */
final class RecognitionStage implements CallStage {
  private final CallBus bus;
  private final Executor serial;
  private final Recognizer recognizer;
  // Touched only on the serial worker.
  private boolean open;
  private boolean closed;

  RecognitionStage(CallBus bus, Executor serial, Recognizer.Factory recognizers) {
    this.bus = bus;
    this.serial = serial;
    this.recognizer = recognizers.open(this::onPartial);
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof SpeechStarted s) {
      serial.execute(() -> {
        if (closed) return;
        recognizer.begin(s.streamSeconds());
        open = true;
      });
    } else if (event instanceof SpeechAudio a) {
      serial.execute(() -> {
        if (!closed && open) recognizer.accept(a.pcm(), a.pcm().length);
      });
    } else if (event instanceof SpeechStopped s) {
      serial.execute(() -> {
        if (closed || !open) return;
        open = false;
        RecognitionEvent result = recognizer.end();
        bus.post(finalOf(result, s.at(), System.nanoTime()));
      });
    } else if (event instanceof Reply r) {
      // Biases recognition to the answers the open question expects.
      if (r.matchContext() != null) serial.execute(() -> recognizer.setHints(r.hints()));
    } else if (event instanceof HangUp) {
      serial.execute(() -> {
        if (closed) return;
        closed = true;
        recognizer.close();
      });
    }
  }

  /** The final, timed: the VAD stopped {@code stoppedAt}; the silence after the last word is the endpointing wait. */
  static Final finalOf(RecognitionEvent result, long stoppedAt, long now) {
    List<RecognizedWord> words = result.words();
    double lastWordEnd = words.isEmpty() ? result.at() : words.get(words.size() - 1).end();
    double endpointMs = Math.max(0, (result.at() - lastWordEnd) * 1000);
    long callerStopped = stoppedAt - (long) (endpointMs * 1e6);
    return new Final(result, callerStopped, endpointMs, (now - stoppedAt) / 1e6, now);
  }

  private void onPartial(RecognitionEvent event) {
    // On the serial worker; the recognizer reports only changed words.
    if (!event.text().isBlank()) bus.post(new Partial(event.text(), System.nanoTime()));
  }
}
