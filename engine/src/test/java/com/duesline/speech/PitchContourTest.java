package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pitch contour before a pause, on the personas' own MaryTTS voices through µ-law 8 kHz: a
 * comma's continuation rise is RISING, a sentence end is not; and what it cannot tell apart ("yes,"
 * falls like "yes.").
 */
class PitchContourTest {
  private static final double THRESHOLD = 1.2;

  /**
   * The contour at each pause of {@code text} (spoken then followed by silence) as a live call
   * measures it: 20 ms µ-law frames through the call's {@link VoiceGate} (clean-up, VAD, 16 kHz),
   * and when the voice has been silent 100 ms, the contour of the last 400 ms of the utterance's
   * audio at 8 kHz (every other sample), as {@code call.ProsodyStage} does. Pauses shorter than 300
   * ms (a stop consonant's closure) are left out.
   */
  private static List<PitchContour> contours(String text, String effects) {
    byte[] spoken =
        TestSpeech.synthesizer().synthesize(text, effects, AudioFormatKind.MULAW8K).data();
    byte[] mulaw = java.util.Arrays.copyOf(spoken, spoken.length + 8000 * 3 / 2);
    java.util.Arrays.fill(
        mulaw, spoken.length, mulaw.length, com.duesline.telephony.audio.MuLaw.encode((short) 0));
    Vad.Settings d = SpeechSettings.defaults().vad();
    VoiceGate gate =
        new VoiceGate(
            new Vad.Settings(d.thresholdDb(), d.startMs(), 1300, d.maxUtteranceMs()), 8000);
    short[] ring = new short[4000];
    int[] written = {0};
    VoiceGate.Sink sink =
        new VoiceGate.Sink() {
          @Override
          public void started(double streamSeconds) {
            written[0] = 0;
          }

          @Override
          public void audio(short[] pcm16k, int n) {
            for (int i = 0; i < n; i += 2) ring[written[0]++ % ring.length] = pcm16k[i];
          }

          @Override
          public void stopped(double streamSeconds) {}
        };
    List<PitchContour> out = new ArrayList<>();
    List<Double> pauses = new ArrayList<>();
    PitchContour pending = null;
    boolean paused = false;
    for (int off = 0; off + 160 <= mulaw.length; off += 160) {
      gate.acceptMulaw(mulaw, off, 160, sink);
      if (!gate.speaking()) {
        if (paused) break; // the utterance ended in its last pause
        continue;
      }
      double silent = gate.silentMs();
      if (silent == 0 && paused) {
        paused = false;
        if (pauses.get(pauses.size() - 1) >= 300) out.add(pending);
      }
      if (paused) pauses.set(pauses.size() - 1, silent);
      if (!paused && silent >= 100) {
        paused = true;
        int n = Math.min(written[0], ring.length);
        short[] tail = new short[n];
        for (int i = 0; i < n; i++) tail[i] = ring[(written[0] - n + i) % ring.length];
        pending = PitchContour.ofTail(tail, n, 400, THRESHOLD);
        pauses.add(silent);
      }
    }
    if (paused) out.add(pending);
    return out;
  }

  private static List<PitchContour.Shape> shapes(String text, String effects) {
    return contours(text, effects).stream().map(PitchContour::shape).toList();
  }

  @Test
  void aCommasContinuationRiseIsRisingAndTheSentenceEndIsNot() {
    assertThat(shapes("okay fine, I'll pay this week", "Rate(durScale:1.1)"))
        .containsExactly(PitchContour.Shape.RISING, PitchContour.Shape.NOT_RISING);
    assertThat(
            shapes(
                "the service is bad, the elevator has been broken for three weeks",
                "F0Scale(f0Scale:0.9)+Rate(durScale:1.05)"))
        .containsExactly(PitchContour.Shape.RISING, PitchContour.Shape.NOT_RISING);
    // The second comma rises 4.9 semitones; the first ("no,") is missed through the call's clean-up
    // and VAD.
    assertThat(
            shapes(
                "no, you have the wrong number, there is nobody by that name here",
                "F0Scale(f0Scale:1.4)"))
        .containsExactly(
            PitchContour.Shape.NOT_RISING,
            PitchContour.Shape.RISING,
            PitchContour.Shape.NOT_RISING);
  }

  @Test
  void shortCompleteAnswersDoNotRise() {
    for (String s :
        List.of(
            "yes.", "december fourth", "no that's all thank you", "yes this is linda speaking")) {
      assertThat(shapes(s, "F0Scale(f0Scale:1.05)+Rate(durScale:0.85)"))
          .as(s)
          .containsExactly(PitchContour.Shape.NOT_RISING);
    }
  }

  @Test
  void aFallingCommaIsNotToldFromASentenceEnd() {
    // The stop-contact persona's cut: MaryTTS says "yes," with the fall of "yes." (234 -> 177 Hz),
    // so prosody cannot
    // protect it; only the wait can.
    List<PitchContour> c =
        contours(
            "yes, and stop calling me, take me off your list",
            "F0Scale(f0Scale:1.05)+Rate(durScale:0.85)");
    assertThat(c.get(0).shape()).isEqualTo(PitchContour.Shape.NOT_RISING);
    assertThat(c.get(0).riseSemitones()).isLessThan(THRESHOLD);
  }

  @Test
  void tooLittleVoiceSaysNothing() {
    assertThat(PitchContour.of(new float[] {0, 0, 180, 181, 0, 0}, THRESHOLD).shape())
        .isEqualTo(PitchContour.Shape.UNKNOWN);
    short[] silence = new short[8000];
    assertThat(PitchContour.ofTail(silence, silence.length, 300, THRESHOLD).shape())
        .isEqualTo(PitchContour.Shape.UNKNOWN);
  }

  @Test
  void aSteadyToneHasItsPitchAndAGlideUpIsRising() {
    short[] tone = new short[4000];
    for (int i = 0; i < tone.length; i++)
      tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 150 * i / 8000.0));
    float[] f0 = PitchTracker.track(tone, 0, tone.length);
    assertThat(f0[10]).isBetween(148f, 152f);
    assertThat(PitchContour.of(f0, THRESHOLD).shape()).isEqualTo(PitchContour.Shape.NOT_RISING);
    // 150 Hz, then a glide to 190 Hz over the last 60 ms (4 semitones).
    float[] glide = new float[30];
    for (int i = 0; i < 30; i++) glide[i] = i < 24 ? 150 : 150 + (i - 23) * 40 / 6f;
    PitchContour c = PitchContour.of(glide, THRESHOLD);
    assertThat(c.shape()).isEqualTo(PitchContour.Shape.RISING);
    assertThat(c.riseSemitones()).isBetween(3.0, 4.2);
  }
}
