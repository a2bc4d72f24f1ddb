package com.duesline.call;

import com.duesline.call.CallEvent.Continued;
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
import com.duesline.speech.RecognitionEvent;
import java.time.LocalDate;
import java.util.Map;

/**
 * Understanding: what a final result means at the question asked (intent and entities, scoped by
 * the reply's {@link MatchContext}); a poorly heard utterance counts as not understood so the track
 * asks again rather than acting on a guess. While the caller pauses, the words so far are
 * classified ahead ({@link Guess}: endpointing reads completeness from it), and a final whose words
 * equal the guess reuses it, so classifying adds nothing to the turn. An utterance that continues
 * the last turn ({@link Continued}) is understood with that turn's words before it, as one answer.
 * Classification runs on the call's serial worker, behind the audio it follows.
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

  /** The words of the turn the utterance in progress continues ("" when it continues none). */
  private String continues = "";

  /** What the turn being continued was understood to mean (null when it continues none). */
  private IntentMatch continuesMatch;

  UnderstandingStage(
      CallBus bus,
      SerialExecutor serial,
      IntentClassifier classifier,
      double minAsrConfidence,
      LocalDate today) {
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
    } else if (event instanceof Continued c) {
      continues = c.first().heard().text();
      continuesMatch = c.first().heard().match();
      guessed = "";
      guess = null;
      // Already heard on its own (no partial came to decide sooner): heard again, whole.
      if (c.rest() != null) understand(c.rest().spoken(), null);
    } else if (event instanceof Guess g) {
      guess = g;
    } else if (event instanceof Final f) {
      understand(f, guess != null && guess.text().equals(f.result().text()) ? guess : null);
    }
  }

  /**
   * What {@code heardAlone} means, read after the words of the turn it continues; {@code ready}: a
   * guess on the same words.
   */
  private void understand(Final heardAlone, Guess ready) {
    Final f = whole(heardAlone);
    Guess reusable = f == heardAlone ? ready : null;
    IntentMatch before = f == heardAlone ? null : continuesMatch;
    continues = "";
    continuesMatch = null;
    // On the serial worker even when nothing was heard or the guess is reused, so results keep the
    // order of the utterances.
    serial.executeUrgent(
        () -> {
          long t0 = System.nanoTime();
          IntentMatch match =
              f.result().text().isBlank()
                  ? null
                  : reusable != null ? reusable.match() : classify(f.result().text());
          if (match != null) match = trusted(match, f);
          match = keptThroughContinuation(match, before, f);
          long now = System.nanoTime();
          bus.post(new Heard(f, match, (now - t0) / 1e6, now));
        });
  }

  /**
   * The final with the words of the turn it continues before it (a continuation heard as noise
   * keeps that turn's words).
   */
  private Final whole(Final f) {
    if (continues.isEmpty()) return f;
    RecognitionEvent r = f.result();
    String text = r.text().isBlank() ? continues : continues + " " + r.text();
    return new Final(
        new RecognitionEvent(r.kind(), text, r.words(), r.at(), r.fromHints()),
        f.callerStopped(),
        f.endpointMs(),
        f.asrMs(),
        f.at());
  }

  /**
   * Classifies the words so far ahead; the guess names those words, its match reads them after the
   * turn they continue.
   */
  private void guess(String words) {
    if (words.isBlank() || words.equals(guessed)) return;
    guessed = words;
    String text = continues.isEmpty() ? words : continues + " " + words;
    serial.executeUrgent(
        () -> {
          IntentMatch match = classify(text);
          bus.post(new Guess(words, match, System.nanoTime()));
        });
  }

  private IntentMatch classify(String text) {
    MatchContext ctx = matchContext != null ? matchContext : MatchContext.open("en", today);
    return classifier.classify(text, ctx);
  }

  /**
   * The meaning of the turn a continuation completes, when the whole is not understood but the turn
   * alone was: words added after the pause that the classifier cannot place (often misheard) should
   * not undo an answer already understood, or the caller is asked to repeat what was clear.
   */
  private static IntentMatch keptThroughContinuation(
      IntentMatch whole, IntentMatch before, Final f) {
    if (before == null || IntentClassifier.OUT_OF_SCOPE.equals(before.intent())) return whole;
    if (whole != null && !IntentClassifier.OUT_OF_SCOPE.equals(whole.intent())) return whole;
    return new IntentMatch(
        f.result().text(),
        before.intent(),
        before.score(),
        before.alternatives(),
        before.entities());
  }

  private IntentMatch trusted(IntentMatch match, Final f) {
    if (!f.result().fromHints() && f.result().confidence() < minAsrConfidence) {
      // Poorly heard: let the track's no-match path ask again rather than act on a guess.
      return new IntentMatch(
          match.text(),
          IntentClassifier.OUT_OF_SCOPE,
          match.score(),
          match.alternatives(),
          Map.of());
    }
    return match;
  }
}
