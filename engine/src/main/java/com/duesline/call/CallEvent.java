package com.duesline.call;

import com.duesline.call.CallObserver.EndReason;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Spoken;
import com.duesline.intent.IntentMatch;
import com.duesline.intent.MatchContext;
import com.duesline.speech.PhraseHints;
import com.duesline.speech.RecognitionEvent;

/**
 * What passes between the stages of a live call. Every event carries {@code at}, the {@link
 * System#nanoTime()} at which it happened (for audio: when the frame arrived), so the recorder can
 * build each turn's latency from event times alone.
 */
public sealed interface CallEvent {
  /** When it happened, nanoTime. */
  long at();

  /** One inbound 20 ms frame of the caller's audio, µ-law. */
  record AudioIn(byte[] mulaw, long at) implements CallEvent {}

  /**
   * The VAD heard speech begin; {@code streamSeconds} is where the utterance (with pre-roll)
   * starts.
   */
  record SpeechStarted(double streamSeconds, long at) implements CallEvent {}

  /**
   * Audio of an utterance in progress, 16 kHz PCM (only speech and its pre-roll get past the VAD).
   */
  record SpeechAudio(short[] pcm, long at) implements CallEvent {}

  /**
   * The utterance has lasted long enough, voiced, to be a word rather than a cough or a door
   * (barge-in may act).
   */
  record SpeechConfirmed(long at) implements CallEvent {}

  /**
   * The caller's voice stopped for a moment inside an utterance (endpointing now waits;
   * understanding guesses).
   */
  record SpeechPaused(long at) implements CallEvent {}

  /** The caller's voice came back after a pause of {@code pauseMs} inside the same utterance. */
  record SpeechResumed(double pauseMs, long at) implements CallEvent {}

  /**
   * The pitch contour of the caller's last stretch of voice before the pause that began at {@code
   * pausedAt} (the {@link SpeechPaused}'s time): a continuation rise says more is coming.
   */
  record Contour(com.duesline.speech.PitchContour contour, long pausedAt, long at)
      implements CallEvent {}

  /** What the words so far ({@code text}, a partial) mean: a guess made while endpointing waits. */
  record Guess(String text, IntentMatch match, long at) implements CallEvent {}

  /**
   * The VAD's hang-over elapsed: the utterance ended, {@code at} is the arrival of the frame that
   * ended it; {@code noisyLine}: the clean-up judged the line noisy then.
   */
  record SpeechStopped(long at, boolean noisyLine) implements CallEvent {
    /** On a line not judged noisy (what stage tests mostly need). */
    public SpeechStopped(long at) {
      this(at, false);
    }
  }

  /**
   * The words so far of the utterance being spoken, and {@code constrained}: those of the grammar
   * decoding beside the open recognizer at a question with a small vocabulary ("" when none runs).
   * One of the two changed since the last partial.
   */
  record Partial(String text, String constrained, long at) implements CallEvent {
    /** Words with no grammar decoding beside them. */
    public Partial(String text, long at) {
      this(text, "", at);
    }
  }

  /**
   * The final recognition of an utterance: {@code callerStopped} estimates when the caller's last
   * word ended, {@code endpointMs} the silence waited after it, {@code asrMs} from the utterance's
   * end to this result.
   */
  record Final(
      RecognitionEvent result, long callerStopped, double endpointMs, double asrMs, long at)
      implements CallEvent {}

  /** What an utterance meant ({@code match} null when nothing was heard in it). */
  record Heard(Final spoken, IntentMatch match, double intentMs, long at) implements CallEvent {
    /** The words heard. */
    public String text() {
      return spoken.result().text();
    }
  }

  /**
   * The caller went on speaking just after the bot began answering {@code first}: that answer is
   * taken back (its audio stopped, the conversation put back as before it) and the utterance now
   * under way completes it. {@code rest} is that utterance when it was already heard (decided on
   * its final: no partial came first), else null.
   */
  record Continued(CallerTook first, Heard rest, long at) implements CallEvent {}

  /** One key the caller pressed. */
  record KeyPressed(String digit, long at) implements CallEvent {}

  /** Keys that make one answer (complete at '#', after a pause, or a menu key). */
  record Keys(String digits, long at) implements CallEvent {}

  /**
   * The greeting wait is over: the bot may open the conversation ({@code hello} is what the caller
   * said, may be null).
   */
  record Greeted(Heard hello, long at) implements CallEvent {}

  /** Turn-taking gives the caller's turn to the dialogue ({@code heard} set for spoken turns). */
  record CallerTook(CallerTurn turn, Heard heard, long at) implements CallEvent {}

  /**
   * The bot's reply, with what recognition and understanding should expect next ({@code
   * matchContext} and {@code hints} null once the conversation ended), what led to it ({@code
   * cause}, may be null), the node it answered ({@code askedAt}), the question now open, and the
   * conversation engine's time.
   */
  record Reply(
      BotTurn turn,
      CallerTook cause,
      String askedAt,
      MatchContext matchContext,
      PhraseHints hints,
      Endpointing.Question question,
      double engineMs,
      long at)
      implements CallEvent {}

  /**
   * One piece of a reply's audio, ready to play: piece {@code piece} (a sentence, or the whole
   * prompt for a recorded voice) of prompt {@code prompt}. Pieces come in playing order; the first
   * plays while the rest render. {@code promptDone} marks a prompt's last piece, {@code replyDone}
   * the reply's; a reply with nothing to say comes as one empty piece with both set. {@code ttsMs}
   * runs from the reply to this piece.
   */
  record PromptAudio(
      Reply reply,
      int prompt,
      int piece,
      byte[] audio,
      boolean promptDone,
      boolean replyDone,
      double ttsMs,
      long at)
      implements CallEvent {
    /** Whether this is the reply's first piece (the moment the caller's wait ends). */
    public boolean first() {
      return prompt == 0 && piece == 0;
    }

    /** The prompt this piece belongs to (null for a reply with nothing to say). */
    public Spoken spoken() {
      return reply.turn().spoken().isEmpty() ? null : reply.turn().spoken().get(prompt);
    }
  }

  /** A reply could not be rendered: the bot can say nothing more on this call. */
  record SpeechFault(Reply reply, Throwable failure, long at) implements CallEvent {}

  /** The carrier reports a mark heard (or dropped by a clear). */
  record MarkReturned(String mark, long at) implements CallEvent {}

  /** A prompt finished playing; {@code idle} when nothing more is queued. */
  record Played(Spoken spoken, boolean idle, boolean endOfCall, long at) implements CallEvent {}

  /** Stop the bot's audio now: the caller spoke over an interruptible prompt, or pressed a key. */
  record Interrupt(Cause cause, long causeAt, long at) implements CallEvent {
    /** Why. */
    public enum Cause {
      SPEECH,
      KEYS
    }
  }

  /**
   * Playback was cleared while {@code spoken} played, {@code heardFraction} of it heard: by the
   * caller's voice (a barge-in) or keys. The rest of the reply is not rendered or played.
   */
  record Interrupted(
      Spoken spoken, double heardFraction, Interrupt.Cause cause, long causeAt, long at)
      implements CallEvent {}

  /** The call is over for the bot: the stream stopped, the bot said goodbye, or a limit hit. */
  record HangUp(EndReason reason, long at) implements CallEvent {}
}
