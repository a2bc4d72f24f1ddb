package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoskRecognizerTest {
  /** The sentence as 16 kHz PCM, then 600 ms of silence. */
  private static short[] utterance(String text) {
    byte[] pcm = TestSpeech.prompts().get(text, "", AudioFormatKind.PCM16K).data();
    short[] samples = new short[pcm.length / 2 + 600 * 16];
    ByteBuffer.wrap(pcm)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(samples, 0, pcm.length / 2);
    return samples;
  }

  /** A recognition event and the 20 ms frame it came after. */
  private record AtFrame(int frame, RecognitionEvent event) {}

  /**
   * The events of {@code samples} fed in 20 ms frames with {@code hints} (none when null), the
   * recognizer told the voice paused from {@code pausedFromFrame} on (never when negative); the
   * final last.
   */
  private static List<AtFrame> feed(short[] samples, PhraseHints hints, int pausedFromFrame) {
    List<AtFrame> out = new ArrayList<>();
    int[] frame = {0};
    try (VoskRecognizer rec =
        new VoskRecognizer(
            TestSpeech.model(),
            15000,
            TestSpeech.REGISTRY,
            e -> out.add(new AtFrame(frame[0], e)))) {
      if (hints != null) rec.setHints(hints);
      rec.begin(0);
      for (int off = 0; off + 320 <= samples.length; off += 320, frame[0]++) {
        if (frame[0] == pausedFromFrame) rec.paused(true);
        rec.accept(java.util.Arrays.copyOfRange(samples, off, off + 320), 320);
      }
      out.add(new AtFrame(frame[0], rec.end()));
    }
    return out;
  }

  /** The partials of {@link #feed} without hints, as "frame:text". */
  private static List<String> partials(short[] samples, int pausedFromFrame) {
    List<AtFrame> events = feed(samples, null, pausedFromFrame);
    return events.subList(0, events.size() - 1).stream()
        .map(a -> a.frame() + ":" + a.event().text())
        .toList();
  }

  private static int frameOf(String partial) {
    return Integer.parseInt(partial.split(":")[0]);
  }

  @Test
  void whileTheVoicePausesTheWordsSoFarAreReportedAtOnceAndOften() {
    short[] samples = utterance("I can pay two hundred dollars on Friday.");
    List<String> routine = partials(samples, -1);
    // The voice pauses just after the routine partial before the one with the last word: that word
    // was spoken by then or soon after, and a routine report of it comes only a whole interval
    // later.
    int speechFrames = frameOf(routine.get(routine.size() - 2)) + 1;
    List<String> paused = partials(samples, speechFrames);
    String words = routine.get(routine.size() - 1).split(":", 2)[1];
    assertThat(words).contains("two hundred");
    // Told of the pause, the recognizer reports the same words and reaches the last one sooner than
    // a routine partial, which comes only every 200 ms of audio.
    int routineLast = frameOf(routine.get(routine.size() - 1));
    String pausedFinal = paused.get(paused.size() - 1);
    assertThat(pausedFinal.split(":", 2)[1]).isEqualTo(words);
    assertThat(frameOf(pausedFinal)).isLessThan(routineLast);
    // Up to the pause both report alike.
    assertThat(paused.stream().filter(p -> frameOf(p) < speechFrames))
        .containsExactlyElementsOf(
            routine.stream().filter(p -> frameOf(p) < speechFrames).toList());
  }

  @Test
  void atADigitsQuestionPartialsCarryTheGrammarsDigitsNoLaterThanTheOpenWords() {
    List<AtFrame> events =
        feed(utterance("Zero one zero seven zero one."), PhraseHints.digits(), -1);
    assertThat(events.get(events.size() - 1).event().text())
        .isEqualTo("zero one zero seven zero one");
    int grammarAll = -1;
    int openAll = Integer.MAX_VALUE;
    for (AtFrame a : events) {
      if (grammarAll < 0 && a.event().constrained().equals("zero one zero seven zero one"))
        grammarAll = a.frame();
      if (openAll == Integer.MAX_VALUE && a.event().text().equals("zero one zero seven zero one"))
        openAll = a.frame();
    }
    assertThat(grammarAll).as("the grammar's partial with all six digits").isNotNegative();
    assertThat(grammarAll).isLessThanOrEqualTo(openAll);
  }

  @Test
  void withoutHintsPartialsCarryNoGrammarWords() {
    List<RecognitionEvent> events = new ArrayList<>();
    try (VoskRecognizer rec =
        new VoskRecognizer(TestSpeech.model(), 15000, TestSpeech.REGISTRY, events::add)) {
      utteranceAt(rec, 0, utterance("Zero one zero seven."));
    }
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.constrained()).isEmpty());
  }

  private static RecognitionEvent utteranceAt(
      VoskRecognizer rec, double streamSeconds, short[] pcm) {
    rec.begin(streamSeconds);
    for (int off = 0; off + 320 <= pcm.length; off += 320)
      rec.accept(java.util.Arrays.copyOfRange(pcm, off, off + 320), 320);
    return rec.end();
  }

  @Test
  void oneRecognizerServesEveryUtteranceOfALegWithTimesInTheStream() {
    short[] first = utterance("I can pay two hundred dollars.");
    short[] second = utterance("My unit is zero three zero four.");
    RecognitionEvent alone;
    try (VoskRecognizer fresh =
        new VoskRecognizer(TestSpeech.model(), 15000, TestSpeech.REGISTRY, e -> {})) {
      alone = utteranceAt(fresh, 10.0, second);
    }
    try (VoskRecognizer leg =
        new VoskRecognizer(TestSpeech.model(), 15000, TestSpeech.REGISTRY, e -> {})) {
      RecognitionEvent a = utteranceAt(leg, 2.0, first);
      assertThat(a.text()).contains("two hundred");
      RecognitionEvent b = utteranceAt(leg, 10.0, second);
      // The second utterance is heard as a recognizer of its own hears it, where it was said (not
      // shifted by the first utterance's audio, which Vosk's own times count).
      assertThat(b.text()).isEqualTo(alone.text());
      assertThat(b.at()).isEqualTo(alone.at());
      assertThat(b.words()).hasSameSizeAs(alone.words());
      for (int i = 0; i < b.words().size(); i++)
        assertThat(b.words().get(i).start())
            .as("start of %s", b.words().get(i).word())
            .isCloseTo(alone.words().get(i).start(), org.assertj.core.api.Assertions.within(0.04));
    }
  }
}
