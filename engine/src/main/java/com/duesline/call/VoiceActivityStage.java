package com.duesline.call;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.SpeechAudio;
import com.duesline.call.CallEvent.SpeechConfirmed;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.call.CallEvent.SpeechPaused;
import com.duesline.call.CallEvent.SpeechResumed;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.speech.AudioCleaner;
import com.duesline.speech.Vad;
import com.duesline.speech.VoiceGate;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Voice activity, on the call's own context: each inbound frame goes through the {@link VoiceGate}
 * here, so speech is noticed (and a barge-in decided) the moment its frame arrives, never behind
 * the recognizer's queue; only the audio of utterances, with pre-roll, travels on to recognition.
 * It also tells the other stages when the voice pauses or comes back inside an utterance, when an
 * utterance has been voiced long enough to be a word, and it ends the utterance as soon as the
 * silence reaches the wait endpointing asks for ({@code endpointWaitMs}, read on every frame).
 */
final class VoiceActivityStage implements CallStage, VoiceGate.Sink {
  /** A gap between words shorter than this is not a pause. */
  private static final double MIN_PAUSE_MS = 150;

  private final CallBus bus;
  private final VoiceGate gate;
  private final LongSupplier endpointWaitMs;
  private final int guessAfterMs;
  private final int confirmMs;
  private boolean closed;
  private long frameAt;
  private boolean paused;
  private boolean confirmed;
  private double lastSilentMs;

  /**
   * @param cleanup the clean-up chain the caller's audio passes before the VAD
   * @param vad the VAD settings; its hang-over is raised to the longest endpointing wait
   *     (endpointing ends turns sooner)
   * @param endpointWaitMs the silence after which the utterance in progress is complete (asked on
   *     every frame)
   */
  VoiceActivityStage(
      CallBus bus,
      Vad.Settings vad,
      AudioCleaner.Settings cleanup,
      Endpointing.Settings endpointing,
      LongSupplier endpointWaitMs) {
    this.bus = bus;
    this.gate =
        new VoiceGate(
            new Vad.Settings(
                vad.thresholdDb(),
                vad.startMs(),
                Math.max(vad.hangoverMs(), endpointing.longMs()),
                vad.maxUtteranceMs()),
            8000,
            cleanup);
    this.endpointWaitMs = endpointWaitMs;
    this.guessAfterMs = endpointing.guessAfterMs();
    this.confirmMs = endpointing.bargeInMinMs();
  }

  /** Whether the clean-up judges the caller's line noisy now (read on the call's context). */
  boolean noisyLine() {
    return !closed && gate.noisyLine();
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof AudioIn a) {
      if (closed) return;
      frameAt = a.at();
      gate.acceptMulaw(a.mulaw(), 0, a.mulaw().length, this);
      if (gate.speaking()) within();
    } else if (event instanceof PromptAudio p) {
      // Once the goodbye is on its way (or the call is over) the caller's audio is no longer
      // listened to.
      closed |= p.reply().turn().ended();
    } else if (event instanceof SpeechFault || event instanceof HangUp) {
      closed = true;
      gate.close();
    }
  }

  private void within() {
    double silent = gate.silentMs();
    if (!confirmed && gate.voicedMs() >= confirmMs) {
      confirmed = true;
      bus.emit(new SpeechConfirmed(frameAt));
    }
    if (silent == 0 && lastSilentMs > 0) {
      paused = false;
      if (lastSilentMs >= MIN_PAUSE_MS) bus.emit(new SpeechResumed(lastSilentMs, frameAt));
    }
    lastSilentMs = silent;
    if (!paused && silent >= guessAfterMs) {
      paused = true;
      bus.emit(new SpeechPaused(frameAt));
    }
    if (silent > 0 && silent >= endpointWaitMs.getAsLong()) gate.endNow(this);
  }

  @Override
  public void started(double streamSeconds) {
    paused = false;
    confirmed = false;
    lastSilentMs = 0;
    bus.emit(new SpeechStarted(streamSeconds, frameAt));
  }

  @Override
  public void audio(short[] pcm16k, int n) {
    bus.emit(new SpeechAudio(Arrays.copyOf(pcm16k, n), frameAt));
  }

  @Override
  public void stopped(double streamSeconds) {
    bus.emit(new SpeechStopped(frameAt, gate.noisyLine()));
  }
}
