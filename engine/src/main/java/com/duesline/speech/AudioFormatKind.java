package com.duesline.speech;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The audio formats synthesis renders to. */
public enum AudioFormatKind {
  /**
   * G.711 µ-law at 8 kHz, one byte per sample: what a phone line (and Twilio Media Streams)
   * carries.
   */
  MULAW8K("mulaw8k", 8000),
  /** PCM16 little-endian at 16 kHz: what the recognizer takes. */
  PCM16K("pcm16k", 16000),
  /** PCM16 little-endian at 48 kHz, the rate cmu-slt-hsmm really synthesizes at (no resampling). */
  WAV48K("wav48k", 48000);

  private final String cliName;
  private final int sampleRate;

  AudioFormatKind(String cliName, int sampleRate) {
    this.cliName = cliName;
    this.sampleRate = sampleRate;
  }

  /** The name used on the command line and in cache keys. */
  public String cliName() {
    return cliName;
  }

  /** Samples per second. */
  public int sampleRate() {
    return sampleRate;
  }

  /** Bytes per sample in {@link SynthesizedAudio#data()}. */
  public int bytesPerSample() {
    return this == MULAW8K ? 1 : 2;
  }

  /** Parses a command-line name, naming the accepted ones on error. */
  public static AudioFormatKind parse(String name) {
    for (AudioFormatKind k : values()) {
      if (k.cliName.equals(name.toLowerCase(Locale.ROOT))) return k;
    }
    throw new IllegalArgumentException(
        "unknown audio format '"
            + name
            + "', expected one of "
            + Arrays.stream(values())
                .map(AudioFormatKind::cliName)
                .collect(Collectors.joining(", ")));
  }
}
