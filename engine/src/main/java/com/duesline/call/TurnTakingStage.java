package com.duesline.call;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Greeted;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.KeyPressed;
import com.duesline.call.CallEvent.Keys;
import com.duesline.call.CallEvent.Played;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.call.CallObserver.EndReason;
import com.duesline.conversation.CallerTurn;

/**
 * Turn-taking: who has the floor. Its policies, each a small method below:
 * <ul>
 *   <li><b>greeting wait</b>: people answer with "hello?"; the bot lets them finish (or waits
 *       {@code helloWaitMs} of audio without speech, or {@code helloWallMs} of wall time for a stream that
 *       sends nothing) before its opening, so the greeting is not taken as the answer to the first question;</li>
 *   <li><b>endpointing</b>: a heard utterance becomes the caller's turn (the VAD's hang-over ended it);</li>
 *   <li><b>barge-in</b>: speech over an interruptible prompt stops the bot's audio; keys always do;</li>
 *   <li><b>silence reprompt</b>: no answer {@code silenceMs} after the bot finished gives the dialogue a silent turn;</li>
 *   <li>and the end: once the goodbye has played, the call is hung up.</li>
 * </ul>
 */
final class TurnTakingStage implements CallStage {
  /** What turn-taking needs to know of playback. */
  interface PlaybackView {
    /** Whether any prompt is still queued or playing. */
    boolean playing();

    /** Whether what is playing may be talked over. */
    boolean interruptible();
  }

  /** The greeting wait and silence reprompt timings. */
  record Timings(long helloWaitMs, long helloWallMs, long silenceMs) {}

  private final CallBus bus;
  private final Timings timings;
  private final PlaybackView playback;

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

  TurnTakingStage(CallBus bus, Timings timings, PlaybackView playback) {
    this.bus = bus;
    this.timings = timings;
    this.playback = playback;
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
      speechStarted(s);
    } else if (event instanceof SpeechStopped) {
      inUtterance = false;
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
      if (p.reply().turn().ended()) {
        ended = true;
        if (p.audio().isEmpty()) bus.emit(new HangUp(EndReason.COMPLETED, p.at()));
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

  /** The moment of silence is counted in audio, not wall time, so a "hello" already on its way is waited for. */
  private void greetingSilence() {
    if (awaitingHello && !helloSpeech && !inUtterance && ++silentHelloFrames == timings.helloWaitMs() / 20) open(null);
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
    if (playback.playing() && playback.interruptible()) {
      bus.emit(new Interrupt(Interrupt.Cause.SPEECH, s.at(), bus.context().nanos()));
    }
  }

  // ---- endpointing ----

  private void endpoint(Heard h) {
    if (closing) return;
    if (awaitingHello) {
      open(h.match() == null ? null : h);
      return;
    }
    if (h.match() == null) {
      // Nothing heard (a noise): the question stays open.
      if (!ended && !playback.playing()) startSilence();
      return;
    }
    if (ended) return;
    cancelSilence();
    bus.emit(new CallerTook(new CallerTurn.Heard(h.match()), h, h.at()));
  }

  // ---- silence reprompt ----

  private void startSilence() {
    cancelSilence();
    silenceTimer = bus.context().setTimer(timings.silenceMs(), this::silence);
  }

  private void silence() {
    silenceTimer = -1;
    if (ended || closing || playback.playing()) return;
    bus.emit(new CallerTook(CallerTurn.silence(), null, bus.context().nanos()));
  }

  private void cancelSilence() {
    bus.context().cancelTimer(silenceTimer);
    silenceTimer = -1;
  }
}
