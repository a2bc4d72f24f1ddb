package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The WebRTC clean-up chain: framing, what it does to noise and to a tone, settings parsing. */
class AudioCleanerTest {
  private static double rmsDb(short[] a, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) sum += (double) a[i] * a[i];
    return 10 * Math.log10(sum / (to - from) + 1e-9);
  }

  @Test
  void twentyMillisecondFramesComeStraightBackAndOddChunksWaitForAWholeFrame() {
    try (AudioCleaner c = new AudioCleaner(AudioCleaner.Settings.DEFAULT, 8000)) {
      short[] out = new short[c.maxOutput(160)];
      assertThat(c.process(new short[160], 0, 160, out, 0)).isEqualTo(160);
      assertThat(c.process(new short[50], 0, 50, out, 0)).isZero();
      assertThat(c.process(new short[50], 0, 50, out, 0)).isEqualTo(80);
    }
    short[] whole = AudioCleaner.clean(AudioCleaner.Settings.DEFAULT, new short[8123], 8000);
    assertThat(whole).hasSize(8123);
  }

  @Test
  void steadyNoiseIsSuppressedWhileATonePassesAndLowRumbleIsCut() {
    Random r = new Random(3);
    short[] noise = new short[8000 * 3];
    for (int i = 0; i < noise.length; i++) noise[i] = (short) (r.nextGaussian() * 1000);
    short[] cleaned = AudioCleaner.clean(AudioCleaner.Settings.DEFAULT, noise, 8000);
    // After the suppressor has learnt the noise (first second), it is at least 10 dB down.
    assertThat(rmsDb(cleaned, 8000, noise.length))
        .isLessThan(rmsDb(noise, 8000, noise.length) - 10);

    short[] rumble = new short[8000 * 2];
    for (int i = 0; i < rumble.length; i++)
      rumble[i] = (short) (8000 * Math.sin(2 * Math.PI * 30 * i / 8000.0));
    short[] hp =
        AudioCleaner.clean(
            new AudioCleaner.Settings(true, AudioCleaner.Suppression.OFF, false), rumble, 8000);
    assertThat(rmsDb(hp, 8000, hp.length)).isLessThan(rmsDb(rumble, 8000, rumble.length) - 6);

    short[] raw = AudioCleaner.clean(AudioCleaner.Settings.off(), noise, 8000);
    assertThat(raw).isSameAs(noise);
  }

  @Test
  void anAdaptiveChainSuppressesOnlyWhileTheLineIsNoisy() {
    // Bursts of tone over digital silence: a quiet line. The chain starts on and lets go once the
    // line has
    // shown itself quiet (the first silent stretch at 0.3 s); from then on the audio passes
    // untouched.
    short[] quiet = new short[8000 * 3];
    for (int i = 0; i < quiet.length; i++)
      if ((i / 2400) % 2 == 0) quiet[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
    short[] adaptive = AudioCleaner.clean(AudioCleaner.Settings.DEFAULT, quiet, 8000);
    assertThat(java.util.Arrays.copyOfRange(adaptive, 8000, quiet.length))
        .isEqualTo(java.util.Arrays.copyOfRange(quiet, 8000, quiet.length));

    // The same bursts over steady noise at about -30 dBFS: suppression engages and the noise goes
    // down.
    Random r = new Random(5);
    short[] noisy = quiet.clone();
    for (int i = 0; i < noisy.length; i++)
      noisy[i] = (short) Math.max(-32768, Math.min(32767, noisy[i] + r.nextGaussian() * 1000));
    try (AudioCleaner c = new AudioCleaner(AudioCleaner.Settings.DEFAULT, 8000)) {
      c.processAll(quiet);
      assertThat(c.suppressing()).as("after a quiet line").isFalse();
      assertThat(c.noisyLine()).isFalse();
      // It takes the floor's window (8 s) for the quiet stretch to be forgotten; then the noise is
      // suppressed.
      for (int i = 0; i < 2; i++) c.processAll(noisy);
      short[] out = c.processAll(noisy);
      assertThat(c.suppressing()).as("once the line has been noisy for a while").isTrue();
      assertThat(c.noisyLine()).isTrue();
      // The last gap of the tone pattern (2.7 s to 3.0 s) is noise only.
      assertThat(rmsDb(out, 21800, 24000)).isLessThan(rmsDb(noisy, 21800, 24000) - 6);
    }

    // Always-on chains (a label without '@') suppress from the first frame.
    try (AudioCleaner c = new AudioCleaner(AudioCleaner.Settings.parse("hp+ns:high"), 8000)) {
      assertThat(c.suppressing()).isTrue();
      // It does not judge the line, so it never calls one noisy.
      assertThat(c.noisyLine()).isFalse();
    }
  }

  @Test
  void chainsParseFromTheirLabelsAndBadOnesAreNamed() {
    assertThat(AudioCleaner.Settings.parse("hp+ns:very-high"))
        .isEqualTo(new AudioCleaner.Settings(true, AudioCleaner.Suppression.VERY_HIGH, false));
    assertThat(AudioCleaner.Settings.parse("raw").active()).isFalse();
    assertThat(AudioCleaner.Settings.parse(AudioCleaner.Settings.DEFAULT.label()))
        .isEqualTo(AudioCleaner.Settings.DEFAULT);
    assertThat(AudioCleaner.Settings.DEFAULT.label()).isEqualTo("hp+ns:very-high@-50");
    assertThat(AudioCleaner.Settings.parse("ns:low@-42.5").engageAboveDb()).isEqualTo(-42.5);
    assertThatThrownBy(() -> AudioCleaner.Settings.parse("hp+ns:high@loud"))
        .hasMessageContaining("'ns:high@loud' needs a level in dBFS");
    assertThatThrownBy(() -> AudioCleaner.Settings.parse("hp+echo"))
        .hasMessageContaining("unknown stage 'echo'");
    assertThatThrownBy(() -> AudioCleaner.Suppression.parse("loud"))
        .hasMessageContaining("speech.cleanup.noise-suppression: 'loud'");
    assertThatThrownBy(() -> new AudioCleaner(AudioCleaner.Settings.DEFAULT, 11025))
        .hasMessageContaining("not 11025 Hz");
  }
}
