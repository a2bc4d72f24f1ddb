package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VadTest {
  private static final Vad.Settings SETTINGS = new Vad.Settings(-45, 60, 500, 15000);

  /** Feeds 20 ms frames at 16 kHz; returns "START@ms"/"END@ms" events. */
  private static List<String> events(short[] audio, Vad.Settings settings) {
    Vad vad = new Vad(settings, 16000);
    List<String> out = new ArrayList<>();
    for (int off = 0; off + 320 <= audio.length; off += 320) {
      Vad.Event e = vad.accept(audio, off, 320);
      if (e != Vad.Event.NONE) out.add(e.name() + "@" + (off + 320) / 16);
    }
    return out;
  }

  /** A voiced-like signal: 200 Hz with harmonics, at roughly -20 dBFS. */
  private static void voice(short[] a, int fromMs, int toMs) {
    for (int i = fromMs * 16; i < toMs * 16; i++) {
      a[i] =
          (short)
              (3000 * Math.sin(2 * Math.PI * 200 * i / 16000.0)
                  + 1500 * Math.sin(2 * Math.PI * 600 * i / 16000.0));
    }
  }

  @Test
  void findsAnUtteranceAndItsEndAfterTheHangover() {
    short[] a = new short[16 * 3000];
    voice(a, 500, 1200);
    voice(a, 1400, 1800); // a 200 ms pause inside the utterance does not end it
    assertThat(events(a, SETTINGS)).containsExactly("SPEECH_START@560", "SPEECH_END@2300");
  }

  @Test
  void silenceAndSteadyNoiseAreNotSpeechButClicksAreIgnoredToo() {
    assertThat(events(new short[16 * 2000], SETTINGS)).isEmpty();
    short[] hum = new short[16 * 3000];
    Random r = new Random(1);
    for (int i = 0; i < hum.length; i++)
      hum[i] = (short) (r.nextGaussian() * 300); // -40 dBFS line noise
    assertThat(events(hum, SETTINGS)).isEmpty();
    short[] click = new short[16 * 1000];
    voice(click, 300, 320); // 20 ms: shorter than start-ms
    assertThat(events(click, SETTINGS)).isEmpty();
  }

  @Test
  void longSpeechIsCutAtTheMaximumUtteranceLength() {
    short[] a = new short[16 * 3000];
    // After a little line silence: a steady sound from the very first frame is background to the
    // noise floor.
    voice(a, 200, 3000);
    assertThat(events(a, new Vad.Settings(-45, 60, 500, 1000)))
        .startsWith("SPEECH_START@260", "SPEECH_END@1200");
  }
}
