package com.duesline.telephony.audio;

/**
 * ITU-T G.711 µ-law codec for telephone audio (8 kHz, one byte per sample), table driven.
 *
 * <p>Encoding follows the reference (Sun/CCITT) coder: the 16-bit sample is reduced to the 14-bit
 * range G.711 defines, biased, and split into segment and mantissa. Both directions are a single
 * array lookup per sample: a 64 Ki-entry encode table (64 KiB) and a 256-entry decode table, built
 * once when the class loads. The bulk methods write into caller-supplied arrays so a media stream
 * allocates nothing per frame.
 */
public final class MuLaw {
  private static final int BIAS = 0x84;

  /** Largest 14-bit magnitude G.711 encodes; larger magnitudes saturate to the top code. */
  private static final int CLIP_14 = 8159;

  private static final short[] DECODE = new short[256];
  private static final byte[] ENCODE = new byte[65536];

  static {
    for (int u = 0; u < 256; u++) {
      DECODE[u] = decodeSlow(u);
    }
    for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
      ENCODE[s & 0xFFFF] = encodeSlow((short) s);
    }
  }

  private MuLaw() {}

  /** The linear PCM16 value of one µ-law byte. */
  public static short decode(byte mulaw) {
    return DECODE[mulaw & 0xFF];
  }

  /** The µ-law byte for one PCM16 sample. */
  public static byte encode(short pcm) {
    return ENCODE[pcm & 0xFFFF];
  }

  /** Decodes {@code len} µ-law bytes from {@code in[inOff]} into {@code out[outOff]}. */
  public static void decode(byte[] in, int inOff, short[] out, int outOff, int len) {
    checkRange(in.length, inOff, len, "in");
    checkRange(out.length, outOff, len, "out");
    for (int i = 0; i < len; i++) {
      out[outOff + i] = DECODE[in[inOff + i] & 0xFF];
    }
  }

  /** Encodes {@code len} PCM16 samples from {@code in[inOff]} into {@code out[outOff]}. */
  public static void encode(short[] in, int inOff, byte[] out, int outOff, int len) {
    checkRange(in.length, inOff, len, "in");
    checkRange(out.length, outOff, len, "out");
    for (int i = 0; i < len; i++) {
      out[outOff + i] = ENCODE[in[inOff + i] & 0xFFFF];
    }
  }

  /** Convenience: a new PCM16 array decoded from all of {@code in}. */
  public static short[] decode(byte[] in) {
    short[] out = new short[in.length];
    decode(in, 0, out, 0, in.length);
    return out;
  }

  /** Convenience: a new µ-law array encoded from all of {@code in}. */
  public static byte[] encode(short[] in) {
    byte[] out = new byte[in.length];
    encode(in, 0, out, 0, in.length);
    return out;
  }

  private static void checkRange(int length, int off, int len, String name) {
    if (off < 0 || len < 0 || off + len > length) {
      throw new IndexOutOfBoundsException(
          name + ": offset " + off + " + length " + len + " exceeds " + length);
    }
  }

  private static short decodeSlow(int u) {
    int v = ~u & 0xFF;
    int t = ((v & 0x0F) << 3) + BIAS;
    t <<= (v & 0x70) >> 4;
    return (short) ((v & 0x80) != 0 ? BIAS - t : t - BIAS);
  }

  private static byte encodeSlow(short pcm) {
    // G.711 works on 14-bit samples: drop the two low bits (arithmetic shift, as the reference
    // coder does).
    int value = pcm >> 2;
    int mask;
    if (value < 0) {
      value = -value;
      mask = 0x7F;
    } else {
      mask = 0xFF;
    }
    if (value > CLIP_14) value = CLIP_14;
    value += BIAS >> 2;
    int segment = 0;
    while (segment < 8 && value > (0x40 << segment) - 1) {
      segment++;
    }
    if (segment >= 8) return (byte) (0x7F ^ mask);
    int u = (segment << 4) | ((value >> (segment + 1)) & 0x0F);
    return (byte) (u ^ mask);
  }
}
