package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Synthesis requests made at once come out as each would alone: MaryTTS's HMM voice is shared by
 * the process, and in parallel a request with effects could render with another's settings (without
 * {@link EffectsGate} a persona line came out different here on 4 threads; with two requests of the
 * same effects at once, one did on 2 Dec, so a request with effects renders alone).
 */
class SynthesizerConcurrencyTest {
  private static final List<String> SENTENCES =
      List.of(
          "I dispute this debt",
          "yes, and stop calling me, take me off your list",
          "I can pay two hundred dollars on december fourth",
          "the service is bad, the elevator has been broken for three weeks",
          "my husband passed away last month",
          "can I talk to a real person please",
          "I already paid that last week by bank transfer",
          "who cares, you people are crooks, this is a scam");

  private static final List<String> EFFECTS =
      Arrays.asList(
          null,
          "F0Scale(f0Scale:1.25)",
          "F0Scale(f0Scale:0.75)+Rate(durScale:0.8)",
          "Rate(durScale:0.9)",
          "F0Scale(f0Scale:1.05)+Rate(durScale:0.85)");

  @Test
  void renderingsMadeAtOnceAreTheRenderingsMadeAlone() throws Exception {
    List<String[]> requests = new ArrayList<>();
    for (String s : SENTENCES) for (String e : EFFECTS) requests.add(new String[] {s, e});
    List<byte[]> alone = new ArrayList<>();
    for (String[] r : requests) alone.add(render(r));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> atOnce = new ArrayList<>();
      for (String[] r : requests) atOnce.add(pool.submit(() -> render(r)));
      for (int i = 0; i < requests.size(); i++) {
        assertThat(atOnce.get(i).get())
            .as("\"%s\" with %s", requests.get(i)[0], requests.get(i)[1])
            .isEqualTo(alone.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] render(String[] request) {
    return TestSpeech.synthesizer()
        .synthesize(request[0], request[1], AudioFormatKind.MULAW8K)
        .data();
  }
}
