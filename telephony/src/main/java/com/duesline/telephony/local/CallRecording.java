package com.duesline.telephony.local;

import com.duesline.telephony.audio.MuLaw;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A call's audio as the local carrier records it, from answer to hang-up: two channels of 8 kHz
 * PCM16, the callee (the persona) on the first and the engine's audio as played to the callee on
 * the second, like Twilio's dual-channel recordings. Stretches with no media stream (before it
 * opens, after it ends) are silence, so the recording is as long as the call.
 */
final class CallRecording {
  static final int RATE = 8000;
  private static final int FRAME_SAMPLES = PhoneMediaStream.FRAME_BYTES;
  private final ByteArrayOutputStream pcm = new ByteArrayOutputStream(64 * 1024);
  private final long answeredNanos;
  private long frames;

  CallRecording(long answeredNanos) {
    this.answeredNanos = answeredNanos;
  }

  /** One 20 ms frame each way (µ-law); {@code played} null means the engine sent nothing. */
  synchronized void frame(byte[] heard, byte[] played) {
    byte[] out = new byte[FRAME_SAMPLES * 4];
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < FRAME_SAMPLES; i++) {
      b.putShort(MuLaw.decode(heard[i]));
      b.putShort(played == null ? 0 : MuLaw.decode(played[i]));
    }
    pcm.writeBytes(out);
    frames++;
  }

  /** Silence up to now, so time without media is kept. */
  synchronized void catchUp(long nowNanos) {
    long due = (nowNanos - answeredNanos) / 20_000_000L;
    if (frames >= due) return;
    pcm.writeBytes(new byte[(int) ((due - frames) * FRAME_SAMPLES * 4)]);
    frames = due;
  }

  /** The recording's length in milliseconds. */
  synchronized long millis() {
    return frames * 20;
  }

  /** The recording as a stereo PCM16 WAV file. */
  synchronized byte[] wav() {
    byte[] data = pcm.toByteArray();
    ByteBuffer h = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes(StandardCharsets.US_ASCII))
        .putInt(36 + data.length)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII));
    h.put("fmt ".getBytes(StandardCharsets.US_ASCII))
        .putInt(16)
        .putShort((short) 1)
        .putShort((short) 2)
        .putInt(RATE)
        .putInt(RATE * 4)
        .putShort((short) 4)
        .putShort((short) 16);
    h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
    return h.array();
  }
}
