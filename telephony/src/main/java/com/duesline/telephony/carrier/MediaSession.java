package com.duesline.telephony.carrier;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The audio of one live call, both ways. Outbound audio is buffered and played by the carrier in
 * real time; a mark sent after some audio comes back (through {@link #onMark}) when the callee has
 * heard up to it, and {@link #clear()} drops what has not been played yet (barge-in).
 *
 * <p>Handlers run on the session's event loop and must not block.
 */
public interface MediaSession {
  /** The carrier's id of this stream. */
  String streamSid();

  /** The call this stream belongs to. */
  String callSid();

  /** The custom parameters the TwiML passed to the stream (e.g. {@code taskId}). */
  Map<String, String> customParameters();

  /** Receives each inbound 20 ms caller frame. */
  MediaSession onFrame(Consumer<MediaFrame> handler);

  /** Receives the name of each mark the callee has now heard (or that was dropped by a clear). */
  MediaSession onMark(Consumer<String> handler);

  /** Receives each DTMF digit the callee pressed. */
  MediaSession onDtmf(Consumer<String> handler);

  /** Runs once when the stream ends, from either side. */
  MediaSession onStop(Runnable handler);

  /** Queues µ-law 8 kHz audio for playback; any length, the carrier plays it in real time. */
  void sendAudio(byte[] mulaw);

  /** Queues a mark after the audio sent so far. */
  void sendMark(String name);

  /** Drops all queued audio now; pending marks come back. */
  void clear();

  /** Closes the stream (the call itself is ended through {@link Carrier#hangUp}). */
  void stop();
}
