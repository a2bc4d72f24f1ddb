package com.duesline.telephony.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MuLawTest {
  // Reference values from the ITU-T G.711 / Sun reference coder (as shipped in CPython's audioop).
  private static final int[][] ENCODE_KNOWN = {
    {0, 0xFF},
    {1, 0xFF},
    {-1, 0x7E},
    {2, 0xFF},
    {7, 0xFE},
    {8, 0xFE},
    {-8, 0x7E},
    {100, 0xF2},
    {-100, 0x72},
    {1000, 0xCE},
    {-1000, 0x4E},
    {4000, 0xAF},
    {-4000, 0x2F},
    {8158, 0x9F},
    {8159, 0x9F},
    {16000, 0x90},
    {-16000, 0x10},
    {32124, 0x80},
    {32635, 0x80},
    {32767, 0x80},
    {-32768, 0x00},
    {-32124, 0x00},
    {12345, 0x97},
    {-12345, 0x17},
  };
  private static final int[][] DECODE_KNOWN = {
    {0x00, -32124},
    {0x0F, -16764},
    {0x10, -15996},
    {0x3C, -2364},
    {0x7E, -8},
    {0x7F, 0},
    {0x80, 32124},
    {0x8F, 16764},
    {0xA5, 6652},
    {0xC0, 1884},
    {0xF0, 120},
    {0xFE, 8},
    {0xFF, 0},
  };

  @Test
  void encodesKnownG711Values() {
    for (int[] kv : ENCODE_KNOWN) {
      assertThat(MuLaw.encode((short) kv[0]) & 0xFF).as("encode(%d)", kv[0]).isEqualTo(kv[1]);
    }
  }

  @Test
  void decodesKnownG711Values() {
    for (int[] kv : DECODE_KNOWN) {
      assertThat((int) MuLaw.decode((byte) kv[0])).as("decode(0x%02x)", kv[0]).isEqualTo(kv[1]);
    }
  }

  @Test
  void decodeIsOddSymmetricAndReEncodesToItself() {
    for (int u = 0; u < 256; u++) {
      short v = MuLaw.decode((byte) u);
      assertThat(MuLaw.decode((byte) (u ^ 0x80))).isEqualTo((short) -v);
      // Every code word's value encodes back to a code word with the same value (0x7F is "negative
      // zero").
      assertThat(MuLaw.decode(MuLaw.encode(v))).as("code 0x%02x", u).isEqualTo(v);
    }
  }

  @Test
  void quantisationErrorStaysWithinOneStepOfTheSegment() {
    for (int s = -32124; s <= 32124; s += 7) {
      int decoded = MuLaw.decode(MuLaw.encode((short) s));
      int magnitude = Math.abs(s);
      // Segment step is 8 << segment in 16-bit units; the error is at most one step (plus the two
      // bits the 14-bit coder drops).
      int step = 8 << Math.max(0, 31 - Integer.numberOfLeadingZeros((magnitude + 132) >> 7));
      assertThat(Math.abs(decoded - s)).as("sample %d", s).isLessThanOrEqualTo(step + 4);
    }
  }

  @Test
  void bulkMatchesScalarWithOffsets() {
    short[] pcm = new short[1000];
    for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (i * 65 - 32000);
    byte[] enc = new byte[1010];
    MuLaw.encode(pcm, 0, enc, 10, pcm.length);
    short[] dec = new short[1000];
    MuLaw.decode(enc, 10, dec, 0, 1000);
    for (int i = 0; i < pcm.length; i++) {
      assertThat(enc[10 + i]).isEqualTo(MuLaw.encode(pcm[i]));
      assertThat(dec[i]).isEqualTo(MuLaw.decode(enc[10 + i]));
    }
  }
}
