package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.audio.Resampler;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The phone-band vocoder against MaryTTS' own 48 kHz audio resampled to 8 kHz: the same durations
 * to the sample, the same level, the same spectrum band by band.
 */
class PhoneBandVoiceTest {
  private static final List<String> SENTENCES =
      List.of(
          "So that's two hundred dollars on December fourth. Is that right?",
          "Hello, may I speak to Linda Chen please?",
          "I understand money is tight. We can split it into three monthly payments.",
          "<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"en-US\">"
              + "Your balance is three hundred dollars.<break time=\"500ms\"/>Can you pay today?"
              + "</speak>");

  private static PhoneBandVoice voice;

  @BeforeAll
  static void start() {
    voice = PhoneBandVoice.of("cmu-slt-hsmm").orElseThrow();
  }

  @Test
  void speaksWhatMaryTtsSaysAtEightKilohertz() throws Exception {
    for (String text : SENTENCES) {
      short[] reference = reference(text);
      short[] phone = render(text);
      assertThat(phone.length).as("samples of %s", text).isEqualTo(reference.length);
      assertThat(rms(phone) / rms(reference)).as("level of %s", text).isBetween(0.95, 1.05);
      double same = bandDistanceDb(reference, phone);
      assertThat(same).as("band energies of %s, dB per band and frame", text).isLessThan(1.5);
    }
  }

  @Test
  void theComparisonTellsDifferentSpeechApart() throws Exception {
    // The spectral check above must be able to fail: two different sentences of the same voice.
    short[] a = reference(SENTENCES.get(0));
    short[] b = reference(SENTENCES.get(2));
    assertThat(bandDistanceDb(a, b)).isGreaterThan(6.0);
  }

  @Test
  void rendersTheSameAudioEveryTime() throws Exception {
    String text = SENTENCES.get(1);
    assertThat(render(text)).isEqualTo(render(text));
  }

  @Test
  void theSynthesizerUsesItForPhoneAudioWithoutEffectsOnly() throws Exception {
    Synthesizer synth = TestSpeech.synthesizer();
    assertThat(synth.rendering("", AudioFormatKind.MULAW8K)).isEqualTo("cmu-slt-hsmm+phone-band");
    assertThat(synth.rendering("F0Scale(f0Scale:1.2)", AudioFormatKind.MULAW8K))
        .isEqualTo("cmu-slt-hsmm");
    assertThat(synth.rendering("", AudioFormatKind.PCM16K)).isEqualTo("cmu-slt-hsmm");
    String text = SENTENCES.get(1);
    short[] viaSynthesizer = synth.synthesize(text, "", AudioFormatKind.MULAW8K).pcm16();
    short[] direct = render(text);
    assertThat(viaSynthesizer.length).isEqualTo(direct.length);
  }

  private static short[] render(String text) throws Exception {
    boolean ssml = text.startsWith("<speak");
    synchronized (PhoneBandVoiceTest.class) {
      return voice.render(ssml ? text : SpokenText.normalise(text), ssml).orElseThrow();
    }
  }

  private static short[] reference(String text) {
    short[] wide = TestSpeech.synthesizer().synthesize(text, "", AudioFormatKind.WAV48K).pcm16();
    return Resampler.resample(wide, 48_000, 8_000);
  }

  private static double rms(short[] s) {
    double e = 0;
    for (short v : s) e += (double) v * v;
    return Math.sqrt(e / s.length);
  }

  /**
   * Mean absolute difference, in dB, of the energy in four telephone bands (300–3,400 Hz) over 32
   * ms frames where the reference speaks (within 40 dB of its loudest frame).
   */
  static double bandDistanceDb(short[] reference, short[] other) {
    int n = 256;
    int[][] bands = {{10, 32}, {32, 64}, {64, 80}, {80, 109}}; // DFT bins of 31.25 Hz
    int frames = Math.min(reference.length, other.length) / n;
    double[][] ref = new double[frames][];
    double[][] oth = new double[frames][];
    double loudest = 0;
    for (int f = 0; f < frames; f++) {
      ref[f] = bandEnergies(reference, f * n, n, bands);
      oth[f] = bandEnergies(other, f * n, n, bands);
      loudest = Math.max(loudest, Arrays.stream(ref[f]).sum());
    }
    double sum = 0;
    int count = 0;
    for (int f = 0; f < frames; f++) {
      if (Arrays.stream(ref[f]).sum() < loudest * 1e-4) continue;
      for (int b = 0; b < bands.length; b++) {
        sum += Math.abs(10 * Math.log10((ref[f][b] + 1) / (oth[f][b] + 1)));
        count++;
      }
    }
    return sum / count;
  }

  private static double[] bandEnergies(short[] s, int off, int n, int[][] bands) {
    double[] out = new double[bands.length];
    for (int b = 0; b < bands.length; b++) {
      for (int k = bands[b][0]; k < bands[b][1]; k++) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
          double x = s[off + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)));
          re += x * Math.cos(2 * Math.PI * k * i / n);
          im -= x * Math.sin(2 * Math.PI * k * i / n);
        }
        out[b] += re * re + im * im;
      }
    }
    return out;
  }
}
