package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Resampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The VAD under noise, on recordings of a real voice with known speech boundaries: each utterance
 * of the evaluation set is placed after 1.5 s of line noise and followed by 1.5 s more, the whole
 * line gets white or pink noise at 10 dB SNR, and it is fed as a call would feed it (µ-law, 20 ms
 * frames, clean-up chain, 16 kHz). The true start and end are where the clean recording's 10 ms
 * energy first and last rises within 40 dB of its peak.
 */
class VadNoiseTest {
  private static final Vad.Settings SETTINGS = SpeechSettings.defaults().vad();
  private static final int LEAD = 8000 * 3 / 2;
  private static final NoiseEvaluation SET = NoiseEvaluationFixture.set();

  /** START/END events with their stream time in ms. */
  private static List<int[]> events(short[] line8k, AudioCleaner.Settings chain) {
    Vad vad = new Vad(SETTINGS, 16000);
    List<int[]> out = new ArrayList<>();
    byte[] mulaw = MuLaw.encode(line8k);
    short[] frame = new short[160];
    short[] clean = new short[240];
    short[] up = new short[400];
    Resampler r = Resampler.streaming(8000, 16000);
    try (AudioCleaner cleaner = new AudioCleaner(chain, 8000)) {
      for (int off = 0; off + 160 <= mulaw.length; off += 160) {
        MuLaw.decode(mulaw, off, frame, 0, 160);
        int m = cleaner.process(frame, 0, 160, clean, 0);
        int n = r.process(clean, 0, m, up, 0);
        Vad.Event e = vad.accept(up, 0, n);
        if (e != Vad.Event.NONE)
          out.add(new int[] {e == Vad.Event.SPEECH_START ? 1 : 0, (off + 160) / 8});
      }
    }
    return out;
  }

  /** First and last ms (in the clip) of 10 ms windows within 40 dB of the clip's loudest. */
  private static int[] bounds(short[] clip) {
    int w = 80;
    double[] db = new double[clip.length / w];
    double peak = -200;
    for (int k = 0; k < db.length; k++) {
      double sum = 0;
      for (int i = k * w; i < (k + 1) * w; i++) sum += (double) clip[i] * clip[i];
      db[k] = 10 * Math.log10(sum / w + 1e-9);
      peak = Math.max(peak, db[k]);
    }
    int first = 0;
    while (db[first] < peak - 40) first++;
    int last = db.length - 1;
    while (db[last] < peak - 40) last--;
    return new int[] {first * 10, (last + 1) * 10};
  }

  @Test
  void opensOnceAtTheWordsAndClosesAfterThemUnderNoise() {
    List<NoiseEvaluation.Item> items =
        SET.split("tune").stream().filter(i -> i.id().hashCode() % 4 == 0).limit(8).toList();
    assertThat(items).hasSizeGreaterThanOrEqualTo(6);
    NoiseMixer mixer = new NoiseMixer(null);
    int checked = 0;
    for (NoiseMixer.Kind kind : List.of(NoiseMixer.Kind.WHITE, NoiseMixer.Kind.PINK)) {
      for (NoiseEvaluation.Item item : items) {
        short[] line = mixer.mix(item.speech(), LEAD, kind, 10, item.id().hashCode());
        int[] b = bounds(item.speech());
        int start = LEAD / 8 + b[0];
        int end = LEAD / 8 + b[1];
        List<int[]> ev = events(line, AudioCleaner.Settings.DEFAULT);
        String what =
            kind.label()
                + " 10 dB, "
                + item.id()
                + " (speech "
                + start
                + "–"
                + end
                + " ms): "
                + describe(ev);
        assertThat(ev).as(what).hasSize(2);
        assertThat(ev.get(0)[0]).as(what).isEqualTo(1);
        // Opens with the first word (start-ms of voice needed; the pre-roll replays what came
        // before).
        assertThat(ev.get(0)[1]).as(what).isBetween(start - 40, start + 300);
        // Closes only after the last word: not inside a word, and within the hang-over (+ a margin)
        // after it.
        assertThat(ev.get(1)[1]).as(what).isBetween(end, end + SETTINGS.hangoverMs() + 400);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(2 * items.size());
  }

  @Test
  void steadyNoiseAloneNeverOpensIt() {
    NoiseMixer mixer = new NoiseMixer(null);
    for (NoiseMixer.Kind kind : List.of(NoiseMixer.Kind.WHITE, NoiseMixer.Kind.PINK)) {
      // 2 s of noise either side of an utterance, at 10 dB below it; the utterance is cut out: 4 s
      // of noise alone.
      short[] speech = SET.items().get(0).speech();
      short[] line = mixer.mix(speech, 16000, kind, 10, 7);
      short[] noise = new short[32000];
      System.arraycopy(line, 0, noise, 0, 16000);
      System.arraycopy(line, line.length - 16000, noise, 16000, 16000);
      assertThat(events(noise, AudioCleaner.Settings.DEFAULT))
          .as(kind.label() + " noise alone, cleaned")
          .isEmpty();
      assertThat(events(noise, AudioCleaner.Settings.off()))
          .as(kind.label() + " noise alone, raw")
          .isEmpty();
    }
  }

  private static String describe(List<int[]> ev) {
    StringBuilder sb = new StringBuilder();
    for (int[] e : ev) sb.append(e[0] == 1 ? "START@" : "END@").append(e[1]).append(' ');
    return sb.toString().trim();
  }
}
