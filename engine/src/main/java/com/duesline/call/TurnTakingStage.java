package com.duesline.call;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Continued;
import com.duesline.call.CallEvent.Contour;
import com.duesline.call.CallEvent.Greeted;
import com.duesline.call.CallEvent.Guess;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.KeyPressed;
import com.duesline.call.CallEvent.Keys;
import com.duesline.call.CallEvent.Partial;
import com.duesline.call.CallEvent.Played;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechConfirmed;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.call.CallEvent.SpeechPaused;
import com.duesline.call.CallEvent.SpeechResumed;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.call.CallObserver.EndReason;
import com.duesline.conversation.CallerTurn;
import com.duesline.intent.IntentClassifier;
import java.util.Locale;
import java.util.Set;

/**
 * Turn-taking: who has the floor. Its policies, each a small method below:
 *
 * <ul>
 *   <li><b>greeting wait</b>: people answer with "hello?"; the bot lets them finish (or waits
 *       {@code helloWaitMs} of audio without speech, or {@code helloWallMs} of wall time for a
 *       stream that sends nothing) before its opening, so the greeting is not taken as the answer
 *       to the first question;
 *   <li><b>endpointing</b>: how long the silence after the caller's voice must last before the
 *       answer is complete ({@link Endpointing}: short when the answer is there, long when it is
 *       unfinished, grown to the caller's own pauses); the voice activity stage ends the utterance
 *       then, and the heard utterance becomes the caller's turn;
 *   <li><b>barge-in</b>: speech over an interruptible prompt stops the bot's audio once it has been
 *       voiced long enough to be a word (a cough or a door does not); keys always do;
 *   <li><b>backchannel</b>: "uh-huh", "okay", "right" over a statement neither stops the bot nor
 *       makes a turn; over a question it is the answer;
 *   <li><b>continuation</b>: words (not a backchannel) that begin before the bot's answer plays or
 *       within {@code continuation-ms} of its first audio mean the caller was not finished: the
 *       answer is taken back ({@link Continued}) and the two parts are answered as one turn. A
 *       voice over the first moment of a statement stops it at once (the bot yields, as on a
 *       question): whatever it turns out to be, even a backchannel or a noise, the answer is then
 *       taken back and said again whole, so the caller never hears it half;
 *   <li><b>silence reprompt</b>: no answer {@code silenceMs} after the bot finished gives the
 *       dialogue a silent turn;
 *   <li>and the end: once the goodbye has played, the call is hung up.
 * </ul>
 */
final class TurnTakingStage implements CallStage {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(TurnTakingStage.class);

  /** What turn-taking needs to know of playback. */
  interface PlaybackView {
    /** Whether any prompt is still queued or playing. */
    boolean playing();

    /** Whether what is playing may be talked over. */
    boolean interruptible();

    /** Whether the prompt playing now is the question itself (not a statement before it). */
    boolean questionPlaying();
  }

  /**
   * What people say to show they are listening, not to take the floor ("uh-huh", "okay", "right",
   * "i see"), word by word, with the sounds a recognizer makes of them on the way ("oh" before
   * "okay"). A partial of these only is not yet a decision (the next partial or the final is); a
   * final of these only over a statement is a backchannel.
   */
  private static final Set<String> LISTENING_SOUNDS =
      Set.of(
          "uh", "huh", "uh-huh", "mhm", "mm", "hmm", "okay", "ok", "right", "yeah", "yes", "sure",
          "alright", "all", "i", "see", "got", "it", "yep", "oh", "ah", "um", "[unk]");

  /** The greeting wait and silence reprompt timings. */
  record Timings(long helloWaitMs, long helloWallMs, long silenceMs) {}

  private final CallBus bus;
  private final Timings timings;
  private final PlaybackView playback;
  private final Endpointing endpointing;

  private boolean awaitingHello;
  private long helloTimer = -1;
  private boolean helloSpeech;
  private boolean inUtterance;
  private int silentHelloFrames;
  private long silenceTimer = -1;

  /** The bot has said its last (or cannot speak any more). */
  private boolean ended;

  /** The call is over for the bot. */
  private boolean closing;

  // Endpointing: the open question, the words so far and what they seem to mean, the caller's
  // pauses.
  private Endpointing.Question question = Endpointing.Question.NONE;
  private String partial = "";
  private String constrained = "";

  /** Whether the clean-up judged the line noisy as the last utterance ended. */
  private boolean noisyLine;

  private Guess guess;

  /**
   * The pitch contour before the pause in progress (null while the voice is on, or not measured
   * yet), and that pause's start.
   */
  private com.duesline.speech.PitchContour contour;

  private long pausedAt;
  private double callerPauseMs;
  private long waitMs;
  private Endpointing.Wait wait = Endpointing.Wait.DEFAULT;
  // Barge-in over a statement waits for the first words: a backchannel is let through.
  private boolean awaitingWords;

  /** The first word of the last partial that was not a listening sound (null: none yet). */
  private String previousFirstWord;

  /**
   * The utterance in progress began over a statement (interruptible or not): a backchannel there is
   * no answer.
   */
  private boolean overStatement;

  // Continuation: the caller's last spoken turn while its answer may still be taken back, and until
  // when (nanos).
  private CallerTook continuable;
  private long continuableUntil;

  /** The utterance in progress began inside the continuation window: its first words decide. */
  private boolean mayContinue;

  /**
   * The bot stopped its answer for the utterance in progress the moment the voice was confirmed
   * (inside the continuation window): that answer is taken back whatever the words are.
   */
  private boolean yielded;

  TurnTakingStage(CallBus bus, Timings timings, PlaybackView playback, Endpointing endpointing) {
    this.bus = bus;
    this.timings = timings;
    this.playback = playback;
    this.endpointing = endpointing;
    rejudge();
  }

  /**
   * The silence, ms, after which the utterance in progress is complete (the voice activity stage
   * asks on every frame).
   */
  long endpointWaitMs() {
    return waitMs;
  }

  /** Which wait applies now (for the turn's record). */
  Endpointing.Wait currentWait() {
    return wait;
  }

  /** Starts the greeting wait (the call was answered). */
  void start() {
    awaitingHello = true;
    helloTimer = bus.context().setTimer(timings.helloWallMs(), () -> open(null));
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof AudioIn) {
      greetingSilence();
    } else if (event instanceof SpeechStarted s) {
      inUtterance = true;
      helloSpeech = true;
      partial = "";
      constrained = "";
      guess = null;
      contour = null;
      awaitingWords = false;
      previousFirstWord = null;
      overStatement = false;
      mayContinue = false;
      yielded = false;
      rejudge();
      speechStarted(s);
    } else if (event instanceof SpeechConfirmed c) {
      mayContinue = continuable != null && c.at() <= continuableUntil && !ended && !closing;
      if (mayContinue && !awaitingHello && overAnswersFirstMoment()) {
        // Waiting for the first words here (two partials, 400-800 ms) let the bot talk over a
        // caller who was not finished; yielding costs only a restart of an answer just begun.
        yielded = true;
        interrupt("voice over the answer's first moment");
      } else {
        bargeIn(c);
      }
    } else if (event instanceof Partial p) {
      boolean newWords = !p.text().equals(partial);
      partial = p.text();
      constrained = p.constrained();
      rejudge();
      // Only the grammar's words moved: no new evidence that the caller's words are kept.
      if (!newWords) return;
      boolean kept = wordsKept(p);
      if (mayContinue) continuation(kept);
      if (awaitingWords) wordsOverStatement(kept);
    } else if (event instanceof Guess g) {
      if (g.text().equals(partial)) {
        guess = g;
        rejudge();
      }
    } else if (event instanceof SpeechPaused p) {
      pausedAt = p.at();
      contour = null;
    } else if (event instanceof Contour c) {
      // Measured on the pool: one about a pause the voice has since ended is stale.
      if (c.pausedAt() == pausedAt && inUtterance) {
        contour = c.contour();
        rejudge();
      }
    } else if (event instanceof SpeechResumed r) {
      contour = null;
      pausedAt = 0;
      callerPauseMs = callerPauseMs == 0 ? r.pauseMs() : 0.7 * callerPauseMs + 0.3 * r.pauseMs();
      rejudge();
    } else if (event instanceof Reply r) {
      if (r.question() != null) question = r.question();
      // An answer that ends the call (a goodbye, a hand-off) is not taken back.
      if (r.cause() == null || r.cause() != continuable || r.turn().ended()) continuable = null;
    } else if (event instanceof SpeechStopped s) {
      inUtterance = false;
      noisyLine = s.noisyLine();
    } else if (event instanceof Heard h) {
      endpoint(h);
    } else if (event instanceof KeyPressed k) {
      if (ended || closing) return;
      cancelSilence();
      bus.emit(new Interrupt(Interrupt.Cause.KEYS, k.at(), bus.context().nanos()));
    } else if (event instanceof Keys k) {
      if (ended || closing) return;
      bus.emit(new CallerTook(new CallerTurn.Keys(k.digits()), null, k.at()));
    } else if (event instanceof PromptAudio p) {
      if (p.first() && continuable != null && p.reply().cause() == continuable) {
        continuableUntil = p.at() + endpointing.settings().continuationMs() * 1_000_000L;
      }
      if (p.reply().turn().ended()) {
        ended = true;
        if (p.spoken() == null) bus.emit(new HangUp(EndReason.COMPLETED, p.at()));
      }
    } else if (event instanceof Played p) {
      if (!p.idle()) return;
      if (ended) bus.emit(new HangUp(EndReason.COMPLETED, p.at()));
      else startSilence();
    } else if (event instanceof SpeechFault) {
      ended = true;
    } else if (event instanceof HangUp) {
      closing = true;
      ended = true;
      cancelSilence();
      bus.context().cancelTimer(helloTimer);
    }
  }

  // ---- greeting wait ----

  /**
   * The moment of silence is counted in audio, not wall time, so a "hello" already on its way is
   * waited for.
   */
  private void greetingSilence() {
    if (awaitingHello
        && !helloSpeech
        && !inUtterance
        && ++silentHelloFrames == timings.helloWaitMs() / 20) open(null);
  }

  private void open(Heard hello) {
    if (!awaitingHello || closing) return;
    awaitingHello = false;
    bus.context().cancelTimer(helloTimer);
    bus.emit(new Greeted(hello, bus.context().nanos()));
  }

  // ---- barge-in ----

  private void speechStarted(SpeechStarted s) {
    if (ended) return;
    if (awaitingHello) {
      bus.context().cancelTimer(helloTimer);
      return;
    }
    cancelSilence();
    speechAt = s.at();
  }

  private long speechAt;

  /**
   * Speech voiced long enough to be a word: over a question it interrupts now; over a statement
   * once its words are not a backchannel.
   */
  private void bargeIn(SpeechConfirmed c) {
    if (ended || awaitingHello || !playback.playing()) return;
    // Words over a statement, even one that may not be cut (the recording notice): a backchannel
    // there is no answer.
    overStatement = !playback.questionPlaying();
    if (!playback.interruptible()) return;
    if (playback.questionPlaying()) interrupt("voice over the question");
    else awaitingWords = true;
  }

  /**
   * Whether the words of the utterance in progress are kept: the same first word that is not a
   * listening sound in two partials in a row. Vosk's first partials of a short "okay" are often
   * other words that the next partial drops ("i would", "however", "heretic" before "okay",
   * depending on where the word falls in the frames); a bot that stopped for them went silent over
   * its explanation for a backchannel.
   */
  private boolean wordsKept(Partial p) {
    String word = firstWord(p.text());
    boolean kept = word != null && word.equals(previousFirstWord);
    previousFirstWord = word;
    return kept;
  }

  /**
   * Words over a statement stop the bot once the recognizer keeps them (a backchannel does not).
   */
  private void wordsOverStatement(boolean kept) {
    if (!kept) return;
    awaitingWords = false;
    if (playback.playing() && playback.interruptible()) interrupt("words over a statement");
  }

  /** The first word of {@code words} that is not a listening sound (null when there is none). */
  private static String firstWord(String words) {
    for (String word : words.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
      if (!word.isEmpty() && !LISTENING_SOUNDS.contains(word)) return word;
    }
    return null;
  }

  private static boolean oneUnplacedWord(Heard h) {
    return h.match() != null
        && IntentClassifier.OUT_OF_SCOPE.equals(h.match().intent())
        && h.text().trim().split("\\s+").length == 1;
  }

  /**
   * Whether the words so far could still be a backchannel on its way ("oh", "okay", "uh huh", "i
   * see").
   */
  static boolean onlyListeningSounds(String words) {
    String w = words.toLowerCase(Locale.ROOT).trim();
    if (w.isEmpty()) return true;
    for (String word : w.split("\\s+")) if (!LISTENING_SOUNDS.contains(word)) return false;
    return true;
  }

  /**
   * Whether an interruptible statement of the answer to the caller's last turn is playing (not its
   * question: a voice over the question stops it anyway, and a backchannel there is the answer).
   */
  private boolean overAnswersFirstMoment() {
    return playback.playing() && playback.interruptible() && !playback.questionPlaying();
  }

  private void interrupt(String why) {
    if (LOG.isDebugEnabled())
      LOG.debug(
          "stopping the bot: {}, {} ms after the voice started",
          why,
          (bus.context().nanos() - speechAt) / 1_000_000);
    bus.emit(new Interrupt(Interrupt.Cause.SPEECH, speechAt, bus.context().nanos()));
  }

  // ---- continuation ----

  /**
   * The first words of an utterance begun just after the caller's last turn: unless a backchannel,
   * they continue it.
   */
  private void continuation(boolean kept) {
    if (!kept) return;
    mayContinue = false;
    if (continuable == null) return;
    CallerTook first = continuable;
    continuable = null;
    awaitingWords = false;
    if (playback.playing() && !yielded) interrupt("continuation, on its partials");
    bus.emit(new Continued(first, null, bus.context().nanos()));
  }

  // ---- endpointing ----

  private void rejudge() {
    Endpointing.Question asked = awaitingHello ? Endpointing.Question.GREETING : question;
    wait =
        endpointing.withProsody(
            endpointing.judge(partial, constrained, guess == null ? null : guess.match(), asked),
            contour,
            asked);
    waitMs = endpointing.waitMs(wait, callerPauseMs);
  }

  private void endpoint(Heard h) {
    if (closing) return;
    if (awaitingHello) {
      if (LOG.isDebugEnabled())
        LOG.debug(
            "hello taken: {} wait {} ms, silence {} ms",
            wait,
            waitMs,
            Math.round(h.spoken().endpointMs()));
      open(h.match() == null ? null : h);
      return;
    }
    if (h.match() == null && !(yielded && mayContinue && continuable != null)) {
      // Nothing heard (a noise): the question stays open.
      if (!ended && !playback.playing()) startSilence();
      return;
    }
    if (ended) return;
    if (mayContinue
        && continuable != null
        && (yielded || (!onlyListeningSounds(h.text()) && !oneUnplacedWord(h)))) {
      // No partial decided it (a grammar-only question, a short answer): the final does, and
      // understanding hears it again whole.
      mayContinue = false;
      CallerTook first = continuable;
      continuable = null;
      overStatement = false;
      awaitingWords = false;
      if (playback.playing() && !yielded) interrupt("continuation, on its final");
      bus.emit(new Continued(first, h, bus.context().nanos()));
      return;
    }
    // "uh-huh" over a statement: the caller is listening; the bot goes on (judged on the final: a
    // short "okay" may reach it before any partial did). One word the classifier cannot place
    // ("hurricane" for a short "okay") over a statement is no answer either.
    boolean backchannel = overStatement && (onlyListeningSounds(h.text()) || oneUnplacedWord(h));
    awaitingWords = false;
    overStatement = false;
    if (backchannel) {
      // Listening, not answering: if the bot has finished meanwhile, the question's silence clock
      // runs from here.
      if (!playback.playing()) startSilence();
      return;
    }
    cancelSilence();
    if (LOG.isDebugEnabled()) {
      // Words are the caller's: only their count and the last one (what the wait was judged on).
      String[] words = h.text().trim().split("\\s+");
      LOG.debug(
          "turn taken: {} wait {} ms, silence {} ms, final {} ms, {} words ending '{}', {}",
          wait,
          waitMs,
          Math.round(h.spoken().endpointMs()),
          Math.round(h.spoken().asrMs()),
          words.length,
          words[words.length - 1],
          h.match() == null ? "-" : h.match().intent());
    }
    CallerTook took = new CallerTook(turnOf(h, noisyLine), h, h.at());
    if (endpointing.settings().continuationMs() > 0) {
      continuable = took;
      continuableUntil = Long.MAX_VALUE;
    }
    bus.emit(took);
  }

  // ---- silence reprompt ----

  private void startSilence() {
    cancelSilence();
    silenceTimer = bus.context().setTimer(timings.silenceMs(), this::silence);
  }

  private void silence() {
    silenceTimer = -1;
    if (ended || closing || playback.playing()) return;
    // The caller is speaking: not silence. The clock keeps running, so a call never waits on
    // nothing.
    if (inUtterance) {
      startSilence();
      return;
    }
    bus.emit(new CallerTook(CallerTurn.silence(), null, bus.context().nanos()));
  }

  private void cancelSilence() {
    bus.context().cancelTimer(silenceTimer);
    silenceTimer = -1;
  }

  /**
   * The caller turn an utterance makes: its meaning, and the amount or date words heard unsure (the
   * track reads the value back before recording a promise): below {@link
   * com.duesline.speech.UnsureWords#readBackBelow}, every one of them on a line judged noisy. Live
   * calls and {@link UtteranceHearing} take it alike.
   */
  static CallerTurn turnOf(Heard h, boolean noisyLine) {
    return new CallerTurn.Heard(
        h.match(),
        com.duesline.speech.UnsureWords.entities(
            h.spoken().result().words(), com.duesline.speech.UnsureWords.readBackBelow(noisyLine)));
  }
}
