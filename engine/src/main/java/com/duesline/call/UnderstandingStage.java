package com.duesline.call;

import com.duesline.call.CallEvent.Final;
import com.duesline.call.CallEvent.Guess;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Partial;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechPaused;
import com.duesline.call.CallEvent.SpeechResumed;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.intent.IntentClassifier;
import com.duesline.intent.IntentMatch;
import com.duesline.intent.MatchContext;
import java.time.LocalDate;
import java.util.Map;

/**
 * Understanding: what a final result means at the question asked (intent and entities, scoped by
 * the reply's {@link MatchContext}); a poorly heard utterance counts as not understood so the track
 * asks again rather than acting on a guess. While the caller pauses, the words so far are classified
 * ahead ({@link Guess}: endpointing reads completeness from it), and a final whose words equal the
 * guess reuses it, so classifying adds nothing to the turn. Classification runs on the call's serial
 * worker, behind the audio it follows.
 */
final class UnderstandingStage implements CallStage {
  private final CallBus bus;
  private final SerialExecutor serial;
  private final IntentClassifier classifier;
  private final double minAsrConfidence;
  private final LocalDate today;
  private volatile MatchContext matchContext;
  // On the call's context.
  private boolean paused;
  private String latestPartial = "";
  private String guessed = "";
  private Guess guess;

  UnderstandingStage(CallBus bus, SerialExecutor serial, IntentClassifier classifier, double minAsrConfidence, LocalDate today) {
    this.bus = bus;
    this.serial = serial;
    this.classifier = classifier;
    this.minAsrConfidence = minAsrConfidence;
    this.today = today;
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof Reply r) {
      matchContext = r.matchContext();
    } else if (event instanceof SpeechStarted) {
      paused = false;
      latestPartial = "";
      guessed = "";
      guess = null;
    } else if (event instanceof Partial p) {
      latestPartial = p.text();
      if (paused) guess(latestPartial);
    } else if (event instanceof SpeechPaused) {
      paused = true;
      guess(latestPartial);
    } else if (event instanceof SpeechResumed) {
      paused = false;
    } else if (event instanceof Guess g) {
      guess = g;
    } else if (event instanceof Final f) {
      Guess ready = guess != null && guess.text().equals(f.result().text()) ? guess : null;
      // On the serial worker even when nothing was heard or the guess is reused, so results keep the order of the utterances.
      serial.executeUrgent(() -> {
        long t0 = System.nanoTime();
        IntentMatch match = f.result().text().isBlank() ? null : ready != null ? ready.match() : classify(f.result().text());
        if (match != null) match = trusted(match, f);
        long now = System.nanoTime();
        bus.post(new Heard(f, match, (now - t0) / 1e6, now));
      });
    }
  }

  private void guess(String text) {
    if (text.isBlank() || text.equals(guessed)) return;
    guessed = text;
    serial.executeUrgent(() -> {
      IntentMatch match = classify(text);
      bus.post(new Guess(text, match, System.nanoTime()));
    });
  }

  private IntentMatch classify(String text) {
    MatchContext ctx = matchContext != null ? matchContext : MatchContext.open("en", today);
    return classifier.classify(text, ctx);
  }

  private IntentMatch trusted(IntentMatch match, Final f) {
    if (!f.result().fromHints() && f.result().confidence() < minAsrConfidence) {
      // Poorly heard: let the track's no-match path ask again rather than act on a guess.
      return new IntentMatch(match.text(), IntentClassifier.OUT_OF_SCOPE, match.score(), match.alternatives(), Map.of());
    }
    return match;
  }
}
