package com.duesline.call;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.SpeechAudio;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.speech.Vad;
import com.duesline.speech.VoiceGate;
import java.util.Arrays;

/**
 * Voice activity, on the call's own context: each inbound frame goes through the {@link VoiceGate}
 * here, so speech is noticed (and a barge-in decided) the moment its frame arrives, never behind
 * the recognizer's queue; only the audio of utterances, with pre-roll, travels on to recognition.
 */
final class VoiceActivityStage implements CallStage, VoiceGate.Sink {
  private final CallBus bus;
  private final VoiceGate gate;
  private boolean closed;
  private long frameAt;

  VoiceActivityStage(CallBus bus, Vad.Settings vad) {
    this.bus = bus;
    this.gate = new VoiceGate(vad, 8000);
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof AudioIn a) {
      if (closed) return;
      frameAt = a.at();
      gate.acceptMulaw(a.mulaw(), 0, a.mulaw().length, this);
    } else if (event instanceof PromptAudio p) {
      // Once the goodbye is on its way (or the call is over) the caller's audio is no longer listened to.
      closed |= p.reply().turn().ended();
    } else if (event instanceof SpeechFault || event instanceof HangUp) {
      closed = true;
    }
  }

  @Override
  public void started(double streamSeconds) {
    bus.emit(new SpeechStarted(streamSeconds, frameAt));
  }

  @Override
  public void audio(short[] pcm16k, int n) {
    bus.emit(new SpeechAudio(Arrays.copyOf(pcm16k, n), frameAt));
  }

  @Override
  public void stopped(double streamSeconds) {
    bus.emit(new SpeechStopped(frameAt));
  }
}
