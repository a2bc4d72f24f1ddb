package com.duesline.telephony.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResamplerTest {
  private static short[] tone(double hz, int rate, double seconds, double amplitude) {
    short[] s = new short[(int) (rate * seconds)];
    for (int i = 0; i < s.length; i++)
      s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    return s;
  }

  /** RMS of the middle half (skips filter edges). */
  private static double rms(short[] s) {
    double sum = 0;
    int from = s.length / 4;
    int to = 3 * s.length / 4;
    for (int i = from; i < to; i++) sum += (double) s[i] * s[i];
    return Math.sqrt(sum / (to - from));
  }

  /** Amplitude of frequency hz in s (middle half), by correlation. */
  private static double amplitudeAt(short[] s, int rate, double hz) {
    double re = 0;
    double im = 0;
    int from = s.length / 4;
    int to = 3 * s.length / 4;
    for (int i = from; i < to; i++) {
      re += s[i] * Math.cos(2 * Math.PI * hz * i / rate);
      im += s[i] * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return 2 * Math.hypot(re, im) / (to - from);
  }

  @Test
  void upsampling8kTo16kKeepsAPassBandToneAndItsPhase() {
    short[] in = tone(1000, 8000, 0.5, 10000);
    short[] out = Resampler.resample(in, 8000, 16000);
    assertThat(out).hasSize(8000);
    assertThat(amplitudeAt(out, 16000, 1000)).isBetween(9900.0, 10100.0);
    // Aligned: out[2n] is the input sample n (within quantisation and ripple).
    for (int n = 1000; n < 3000; n += 37) assertThat(Math.abs(out[2 * n] - in[n])).isLessThan(60);
    // No image at 16 kHz - 1 kHz = 7 kHz.
    assertThat(amplitudeAt(out, 16000, 7000)).isLessThan(10);
  }

  @Test
  void downsampling16kTo8kRemovesWhatWouldAlias() {
    short[] alias = tone(6000, 16000, 0.5, 10000); // would fold to 2 kHz
    assertThat(rms(Resampler.resample(alias, 16000, 8000)))
        .isLessThan(10000 * 0.001); // > 60 dB down
    short[] keep = tone(3000, 16000, 0.5, 10000);
    assertThat(amplitudeAt(Resampler.resample(keep, 16000, 8000), 8000, 3000))
        .isBetween(9800.0, 10200.0);
  }

  @Test
  void arbitraryRatesConvertToTelephoneAndRecognizerRates() {
    short[] voiceBand = tone(440, 48000, 0.5, 8000);
    short[] to8 = Resampler.resample(voiceBand, 48000, 8000);
    assertThat(to8).hasSize(4000);
    assertThat(amplitudeAt(to8, 8000, 440)).isBetween(7900.0, 8100.0);
    short[] high = tone(5000, 48000, 0.5, 8000);
    assertThat(rms(Resampler.resample(high, 48000, 8000))).isLessThan(8000 * 0.001);

    short[] cd = tone(1000, 44100, 0.5, 8000);
    short[] to16 = Resampler.resample(cd, 44100, 16000);
    assertThat(to16).hasSize(8000);
    assertThat(amplitudeAt(to16, 16000, 1000)).isBetween(7900.0, 8100.0);
    assertThat(amplitudeAt(Resampler.resample(tone(700, 22050, 0.5, 8000), 22050, 8000), 8000, 700))
        .isBetween(7900.0, 8100.0);
  }

  @Test
  void streamingInTwentyMillisecondFramesEqualsOneBigChunk() {
    short[] in = tone(700, 8000, 1.0, 12000);
    Resampler whole = Resampler.streaming(8000, 16000);
    short[] expected = new short[whole.maxOutput(in.length)];
    int n = whole.process(in, 0, in.length, expected, 0);
    assertThat(n).isEqualTo(16000);

    Resampler framed = Resampler.streaming(8000, 16000);
    short[] out = new short[320];
    for (int f = 0; f < in.length / 160; f++) {
      int written = framed.process(in, f * 160, 160, out, 0);
      assertThat(written).isEqualTo(320);
      for (int i = 0; i < 320; i++) assertThat(out[i]).isEqualTo(expected[f * 320 + i]);
    }
  }

  @Test
  void streamingDownsamplerHandlesOddChunkSizes() {
    short[] in = tone(500, 48000, 0.3, 10000);
    Resampler r = Resampler.streaming(48000, 8000);
    short[] out = new short[r.maxOutput(in.length)];
    int n = 0;
    int pos = 0;
    int[] sizes = {1, 7, 5, 333, 2, 960};
    for (int i = 0; pos < in.length; i++) {
      int len = Math.min(sizes[i % sizes.length], in.length - pos);
      n += r.process(in, pos, len, out, n);
      pos += len;
    }
    assertThat(n).isEqualTo(in.length / 6);
    short[] oneGo = new short[r.maxOutput(in.length)];
    assertThat(Resampler.streaming(48000, 8000).process(in, 0, in.length, oneGo, 0)).isEqualTo(n);
    for (int i = 0; i < n; i++) assertThat(out[i]).isEqualTo(oneGo[i]);
  }

  @Test
  void rejectsNonsenseRates() {
    assertThatThrownBy(() -> Resampler.streaming(0, 8000)).hasMessageContaining("0 -> 8000");
  }
}
