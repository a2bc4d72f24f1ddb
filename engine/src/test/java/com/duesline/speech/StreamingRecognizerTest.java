package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.audio.MuLaw;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingRecognizerTest {
  /** µ-law 8 kHz call audio: {@code leadMs} of silence, the sentence, then 1.5 s of silence. */
  private static byte[] call(String text, int leadMs) {
    byte[] speech = TestSpeech.prompts().get(text, "", AudioFormatKind.MULAW8K).data();
    byte[] out = new byte[leadMs * 8 + speech.length + 12000];
    java.util.Arrays.fill(out, MuLaw.encode((short) 0));
    System.arraycopy(speech, 0, out, leadMs * 8, speech.length);
    return out;
  }

  private static List<RecognitionEvent> run(byte[] mulaw, PhraseHints hints) {
    List<RecognitionEvent> events = new ArrayList<>();
    try (StreamingRecognizer rec =
        new StreamingRecognizer(
            TestSpeech.model(),
            8000,
            TestSpeech.SETTINGS.vad(),
            TestSpeech.REGISTRY,
            events::add)) {
      rec.setHints(hints);
      for (int off = 0; off + 160 <= mulaw.length; off += 160) rec.acceptMulaw(mulaw, off, 160);
      rec.finish();
    }
    return events;
  }

  private static List<RecognitionEvent> finals(List<RecognitionEvent> events) {
    return events.stream().filter(e -> e.kind() == RecognitionEvent.Kind.FINAL).toList();
  }

  @Test
  void twentyMillisecondFramesGivePartialsThenOneTimedFinalAtTheEndpoint() {
    byte[] audio = call("I lost my job last month, can I pay next week?", 1000);
    List<RecognitionEvent> events = run(audio, null);
    List<RecognitionEvent> finals = finals(events);
    assertThat(finals).hasSize(1);
    RecognitionEvent f = finals.get(0);
    assertThat(f.text()).contains("lost my job").contains("next week");
    assertThat(events.stream().filter(e -> e.kind() == RecognitionEvent.Kind.PARTIAL)).isNotEmpty();
    // Word times are in stream time: the speech starts after 1 s of silence.
    assertThat(f.words().get(0).start()).isBetween(0.8, 1.4);
    // The endpoint comes after the hang-over, before the audio runs out.
    double speechEnd = f.words().get(f.words().size() - 1).end();
    assertThat(f.at()).isGreaterThan(speechEnd).isLessThan(audio.length / 8000.0);
  }

  @Test
  void hintsAnswerExpectedShortRepliesAndFallBackForOthers() {
    RecognitionEvent yes = finals(run(call("Yes.", 300), PhraseHints.yesNo())).get(0);
    // "Yes." in this voice is often heard as "yeah": both are in the grammar, both are an answer.
    assertThat(yes.text()).isIn("yes", "yeah");
    assertThat(yes.fromHints()).isTrue();

    RecognitionEvent other =
        finals(run(call("Call me next week.", 300), PhraseHints.yesNo())).get(0);
    assertThat(other.fromHints()).isFalse();
    assertThat(other.text()).contains("next week");
  }

  @Test
  void aCleanLineIsHeardWithoutTheSuppressorsDamage() {
    // A persona's line on a silent background: noise suppression (any level) turned "december
    // fourth"
    // into "sam bradford"; the default chain engages it only on a noisy line, so the words survive.
    byte[] speech =
        TestSpeech.prompts()
            .get(
                "oh right I forgot about that, I can pay two hundred dollars on december fourth",
                "F0Scale(f0Scale:1.25)",
                AudioFormatKind.MULAW8K)
            .data();
    byte[] audio = new byte[4000 + speech.length + 12000];
    java.util.Arrays.fill(audio, MuLaw.encode((short) 0));
    System.arraycopy(speech, 0, audio, 4000, speech.length);
    assertThat(finals(run(audio, null)))
        .extracting(RecognitionEvent::text)
        .singleElement()
        .asString()
        .endsWith("december fourth");
  }

  @Test
  void silenceOnlyGivesNoResults() {
    byte[] silence = new byte[8000 * 3];
    java.util.Arrays.fill(silence, MuLaw.encode((short) 0));
    assertThat(run(silence, null)).isEmpty();
  }
}
