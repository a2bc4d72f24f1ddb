package com.duesline.call;

import com.duesline.call.CallEvent.Guess;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Spoken;
import com.duesline.intent.IntentClassifier;
import com.duesline.speech.RecognizedWord;
import com.duesline.speech.UnsureWords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speculative rendering: while the caller's pause runs out, the reply the words so far would get is
 * rendered into the prompt cache, so an answer that names an amount or a date ("So that's $200 on
 * December 4th") is ready when the turn ends instead of being synthesized while the caller waits.
 * Only a guess that makes a complete answer is rehearsed (the classifier placed it and endpointing
 * is not waiting for more words); the rendering runs on the speech pool's background lane, behind
 * every final, reply and partial, and a later guess supersedes the one before. On a line the
 * clean-up judges noisy the turn will read every amount and date back, so that read-back is what is
 * rehearsed. Nothing of the rehearsal is said: the real reply still comes from the turn the caller
 * took, and reads the cache.
 */
final class RehearsalStage implements CallStage {
  private static final Logger LOG = LoggerFactory.getLogger(RehearsalStage.class);

  private final Function<CallerTurn, List<Spoken>> rehearse;
  private final Supplier<Endpointing.Wait> wait;
  private final BooleanSupplier noisyLine;
  private final Executor speechPool;
  private final BotVoice voice;
  private final boolean synthesized;

  /** The rehearsal in progress; a newer one (or the call's end) makes older renderings stop. */
  private final AtomicLong generation = new AtomicLong();

  private List<String> rehearsed = List.of();

  /**
   * @param rehearse what the track would say to a turn, without taking it
   * @param wait the wait endpointing applies now (a long one means the answer is unfinished)
   * @param noisyLine whether the clean-up judges the line noisy now
   * @param speechPool the speech pool's background lane (recognition and replies go first)
   * @param synthesized whether this call's voice is synthesized (a recorded voice has nothing to
   *     render)
   */
  RehearsalStage(
      Function<CallerTurn, List<Spoken>> rehearse,
      Supplier<Endpointing.Wait> wait,
      BooleanSupplier noisyLine,
      Executor speechPool,
      BotVoice voice,
      boolean synthesized) {
    this.rehearse = rehearse;
    this.wait = wait;
    this.noisyLine = noisyLine;
    this.speechPool = speechPool;
    this.voice = voice;
    this.synthesized = synthesized;
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof Guess g) {
      rehearse(g);
    } else if (event instanceof HangUp) {
      generation.incrementAndGet();
    }
  }

  /**
   * The turn the guess would make: on a noisy line its amount and date words are unsure, as {@link
   * TurnTakingStage#turnOf} will mark them; elsewhere the partial's words carry no confidence yet.
   */
  private CallerTurn turnOf(Guess g) {
    if (!noisyLine.getAsBoolean()) return new CallerTurn.Heard(g.match());
    List<RecognizedWord> words = new ArrayList<>();
    for (String w : g.text().split("\\s+")) words.add(new RecognizedWord(w, 0, 0, 1));
    return new CallerTurn.Heard(
        g.match(), UnsureWords.entities(words, UnsureWords.readBackBelow(true)));
  }

  private void rehearse(Guess g) {
    if (!synthesized
        || g.match() == null
        || IntentClassifier.OUT_OF_SCOPE.equals(g.match().intent())
        || wait.get() == Endpointing.Wait.LONG) return;
    List<String> sentences = new ArrayList<>();
    for (Spoken s : rehearse.apply(turnOf(g))) sentences.addAll(SpeakerStage.pieces(s.text()));
    if (sentences.isEmpty() || sentences.equals(rehearsed)) return;
    rehearsed = sentences;
    long mine = generation.incrementAndGet();
    speechPool.execute(
        () -> {
          try {
            for (String sentence : sentences) {
              if (generation.get() != mine) return;
              voice.mulaw(sentence);
            }
          } catch (RuntimeException e) {
            // Not this call's fault yet: the real reply renders the same words and reports it.
            LOG.debug("rehearsal rendering failed: {}", e.toString());
          }
        });
  }
}
