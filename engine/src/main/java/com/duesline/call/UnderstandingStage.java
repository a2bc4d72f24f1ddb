package com.duesline.call;

import com.duesline.call.CallEvent.Final;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Reply;
import com.duesline.intent.IntentClassifier;
import com.duesline.intent.IntentMatch;
import com.duesline.intent.MatchContext;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Understanding: what a final result means at the question asked (intent and entities, scoped by
 * the reply's {@link MatchContext}); a poorly heard utterance counts as not understood so the track
 * asks again rather than acting on a guess. Classification runs on the call's serial worker.
 */
final class UnderstandingStage implements CallStage {
  private final CallBus bus;
  private final Executor serial;
  private final IntentClassifier classifier;
  private final double minAsrConfidence;
  private final LocalDate today;
  private volatile MatchContext matchContext;

  UnderstandingStage(CallBus bus, Executor serial, IntentClassifier classifier, double minAsrConfidence, LocalDate today) {
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
    } else if (event instanceof Final f) {
      // On the serial worker too when nothing was heard, so results keep the order of the utterances.
      serial.execute(() -> {
        long t0 = System.nanoTime();
        IntentMatch match = f.result().text().isBlank() ? null : understand(f);
        long now = System.nanoTime();
        bus.post(new Heard(f, match, (now - t0) / 1e6, now));
      });
    }
  }

  private IntentMatch understand(Final f) {
    MatchContext ctx = matchContext != null ? matchContext : MatchContext.open("en", today);
    IntentMatch match = classifier.classify(f.result().text(), ctx);
    if (!f.result().fromHints() && f.result().confidence() < minAsrConfidence) {
      // Poorly heard: let the track's no-match path ask again rather than act on a guess.
      match = new IntentMatch(match.text(), IntentClassifier.OUT_OF_SCOPE, match.score(), match.alternatives(), Map.of());
    }
    return match;
  }
}
