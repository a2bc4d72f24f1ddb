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
    assertThat(rmsDb(cleaned, 8000, noise.length)).isLessThan(rmsDb(noise, 8000, noise.length) - 10);

    short[] rumble = new short[8000 * 2];
    for (int i = 0; i < rumble.length; i++) rumble[i] = (short) (8000 * Math.sin(2 * Math.PI * 30 * i / 8000.0));
    short[] hp = AudioCleaner.clean(new AudioCleaner.Settings(true, AudioCleaner.Suppression.OFF, false), rumble, 8000);
    assertThat(rmsDb(hp, 8000, hp.length)).isLessThan(rmsDb(rumble, 8000, rumble.length) - 6);

    short[] raw = AudioCleaner.clean(AudioCleaner.Settings.off(), noise, 8000);
    assertThat(raw).isSameAs(noise);
  }

  @Test
  void chainsParseFromTheirLabelsAndBadOnesAreNamed() {
    assertThat(AudioCleaner.Settings.parse("hp+ns:very-high")).isEqualTo(new AudioCleaner.Settings(true, AudioCleaner.Suppression.VERY_HIGH, false));
    assertThat(AudioCleaner.Settings.parse("raw").active()).isFalse();
    assertThat(AudioCleaner.Settings.parse(AudioCleaner.Settings.DEFAULT.label())).isEqualTo(AudioCleaner.Settings.DEFAULT);
    assertThatThrownBy(() -> AudioCleaner.Settings.parse("hp+echo")).hasMessageContaining("unknown stage 'echo'");
    assertThatThrownBy(() -> AudioCleaner.Suppression.parse("loud")).hasMessageContaining("speech.cleanup.noise-suppression: 'loud'");
    assertThatThrownBy(() -> new AudioCleaner(AudioCleaner.Settings.DEFAULT, 11025)).hasMessageContaining("not 11025 Hz");
  }
}
