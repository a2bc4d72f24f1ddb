package com.duesline.call;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.KeyPressed;
import com.duesline.call.CallEvent.MarkReturned;
import com.duesline.call.CallObserver.EndReason;
import com.duesline.telephony.carrier.MediaSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Media in and out: the carrier's media session turned into events (frames, keys, marks, the
 * stream's end) and the bot's audio and marks sent back. Listeners hear the raw audio both ways
 * (listen-in); once the bot is taken off the call, frames stop reaching the pipeline but listeners
 * still hear them.
 */
final class MediaStage implements PlaybackStage.MediaOut {
  private final MediaSession session;
  private final CallBus bus;
  private final List<LiveCall.AudioListener> listeners = new CopyOnWriteArrayList<>();
  private boolean detached;

  MediaStage(MediaSession session, CallBus bus) {
    this.session = session;
    this.bus = bus;
  }

  /** Attaches to the session; call on the session's event loop. */
  void attach() {
    session
        .onFrame(
            frame -> {
              byte[] audio = frame.mulaw();
              for (LiveCall.AudioListener l : listeners) l.caller(audio);
              if (!detached) bus.emit(new AudioIn(audio, System.nanoTime()));
            })
        .onMark(
            name -> {
              if (!detached) bus.emit(new MarkReturned(name, System.nanoTime()));
            })
        .onDtmf(
            digit -> {
              if (!detached) bus.emit(new KeyPressed(digit, System.nanoTime()));
            })
        .onStop(() -> bus.emit(new HangUp(EndReason.STREAM_DROPPED, System.nanoTime())));
  }

  /** The bot leaves the call: nothing from the session reaches the pipeline any more. */
  void detach() {
    detached = true;
  }

  void listen(LiveCall.AudioListener l) {
    listeners.add(l);
  }

  void unlisten(LiveCall.AudioListener l) {
    listeners.remove(l);
  }

  @Override
  public void sendAudio(byte[] mulaw) {
    session.sendAudio(mulaw);
    for (LiveCall.AudioListener l : listeners) l.bot(mulaw);
  }

  @Override
  public void sendMark(String name) {
    session.sendMark(name);
  }

  @Override
  public void clear() {
    session.clear();
    for (LiveCall.AudioListener l : listeners) l.cleared();
  }
}
