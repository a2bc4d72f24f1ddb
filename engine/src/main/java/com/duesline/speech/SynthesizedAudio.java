package com.duesline.speech;

import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Rendered speech: raw samples in {@code format} (µ-law bytes, or PCM16 little-endian). */
public record SynthesizedAudio(AudioFormatKind format, byte[] data) {
  /** Duration in seconds. */
  public double seconds() {
    return data.length / (double) format.bytesPerSample() / format.sampleRate();
  }

  /** The audio as a WAV file (µ-law WAV for {@link AudioFormatKind#MULAW8K}, PCM16 otherwise). */
  public byte[] toWav() {
    return format == AudioFormatKind.MULAW8K
        ? Wav.mulaw(data, format.sampleRate())
        : Wav.pcm16(pcm16(), format.sampleRate());
  }

  /** The audio as PCM16 samples at {@link AudioFormatKind#sampleRate()}. */
  public short[] pcm16() {
    if (format == AudioFormatKind.MULAW8K) return MuLaw.decode(data);
    short[] out = new short[data.length / 2];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
    return out;
  }

  /** Encodes PCM16 samples at the format's rate into a {@link SynthesizedAudio}. */
  static SynthesizedAudio of(AudioFormatKind format, short[] samples) {
    if (format == AudioFormatKind.MULAW8K)
      return new SynthesizedAudio(format, MuLaw.encode(samples));
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(samples);
    return new SynthesizedAudio(format, b.array());
  }
}
