package com.duesline.telephony.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in voice with no speech in it: one tone burst per word (pitch from the word, 60 ms gap
 * between words), so the audio is real µ-law whose length follows the words and the rate effect. It
 * is legitimate audio for protocol tests and load benchmarks, not for recognition; the engine plugs
 * in MaryTTS instead.
 */
public final class ToneVoice implements PersonaVoice {
  private static final int RATE = 8000;
  private static final Pattern DUR_SCALE = Pattern.compile("durScale:([0-9.]+)");
  private final int millisPerWord;

  /**
   * @param millisPerWord tone length of one word at normal rate (about 300 ms at 150 words a
   *     minute)
   */
  public ToneVoice(int millisPerWord) {
    this.millisPerWord = millisPerWord;
  }

  @Override
  public byte[] speakMulaw8k(String text, String voiceEffects) {
    String[] words = text.strip().split("\\s+");
    double scale = 1.0;
    Matcher m = DUR_SCALE.matcher(voiceEffects == null ? "" : voiceEffects);
    if (m.find()) scale = Double.parseDouble(m.group(1));
    int wordSamples = (int) (millisPerWord * scale * RATE / 1000);
    int gapSamples = 60 * RATE / 1000;
    byte[] out = new byte[words.length * (wordSamples + gapSamples)];
    int pos = 0;
    for (String word : words) {
      double freq = 180 + Math.floorMod(word.hashCode(), 400);
      for (int i = 0; i < wordSamples; i++) {
        double envelope = Math.min(1.0, Math.min(i, wordSamples - i) / 80.0);
        out[pos++] =
            linearToMulaw((short) (8000 * envelope * Math.sin(2 * Math.PI * freq * i / RATE)));
      }
      for (int i = 0; i < gapSamples; i++) out[pos++] = linearToMulaw((short) 0);
    }
    return out;
  }

  /** G.711 µ-law encoding of one 16-bit sample. */
  static byte linearToMulaw(short sample) {
    final int bias = 0x84;
    final int clip = 32635;
    int s = sample;
    int sign = (s >> 8) & 0x80;
    if (sign != 0) s = -s;
    if (s > clip) s = clip;
    s += bias;
    int exponent = 7;
    for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
    int mantissa = (s >> (exponent + 3)) & 0x0F;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }
}
