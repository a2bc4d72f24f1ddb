package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.audio.MuLaw;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end under noise: amounts and dates said by a real person (the evaluation set's tune part),
 * white noise at 15 dB SNR, µ-law, fed as 20 ms frames to a {@link StreamingRecognizer} listening
 * with the question's grammar, as a call would. The same audio is heard through the default
 * clean-up chain and raw; the bound holds with the chain and is broken without it (measured in
 * docs/speech.md).
 */
class NoisyCallTest {
  private static final NoiseEvaluation.Condition WHITE_15 =
      new NoiseEvaluation.Condition(NoiseMixer.Kind.WHITE, 15);
  static List<NoiseEvaluation.Item> items;

  @BeforeAll
  static void pick() {
    // Six amounts and dates spread over the tune part; never the held-out part.
    List<NoiseEvaluation.Item> answers =
        NoiseEvaluationFixture.set().split("tune").stream()
            .filter(i -> i.kind().equals("amount") || i.kind().equals("date"))
            .toList();
    items = NoiseEvaluation.sample(answers, 6);
  }

  /** Word errors / reference words over the sample, heard through {@code chain}. */
  private static double wer(AudioCleaner.Settings chain) {
    int errors = 0;
    int words = 0;
    for (NoiseEvaluation.Item item : items) {
      byte[] mulaw = MuLaw.encode(NoiseEvaluationFixture.set().audio(item, WHITE_15));
      List<String> finals = new ArrayList<>();
      try (StreamingRecognizer rec =
          new StreamingRecognizer(
              TestSpeech.model(),
              8000,
              TestSpeech.SETTINGS.vad(),
              chain,
              TestSpeech.REGISTRY,
              e -> {
                if (e.kind() == RecognitionEvent.Kind.FINAL) finals.add(e.text());
              })) {
        rec.setHints(item.hints());
        for (int off = 0; off + 160 <= mulaw.length; off += 160) rec.acceptMulaw(mulaw, off, 160);
        rec.finish();
      }
      String heard = String.join(" ", finals);
      int e = WordErrorRate.errors(item.reference(), heard);
      System.out.printf(
          "[%s] %s: \"%s\" heard as \"%s\" (%d errors)%n",
          chain.label(), item.id(), item.reference(), heard, e);
      errors += e;
      words += WordErrorRate.length(item.reference());
    }
    double wer = errors / (double) words;
    System.out.printf(
        "[%s] white 15 dB, streamed with grammar: WER %.3f (%d/%d)%n",
        chain.label(), wer, errors, words);
    return wer;
  }

  @Test
  void theCleanUpChainIsWhatKeepsNoisyAmountsAndDatesRight() {
    assertThat(items).hasSize(6);
    double cleaned = wer(AudioCleaner.Settings.DEFAULT);
    double raw = wer(AudioCleaner.Settings.off());
    assertThat(cleaned).as("WER through the clean-up chain").isLessThanOrEqualTo(BOUND);
    assertThat(raw)
        .as("WER of the same audio heard raw: the bound must need the chain")
        .isGreaterThan(BOUND);
  }

  static final double BOUND = 0.15;

  @org.junit.jupiter.api.Test
  void theCleanUpJudgesANoisyLineNoisyAndACleanOneNot() {
    NoiseEvaluation set = NoiseEvaluationFixture.set();
    for (NoiseEvaluation.Item item : items) {
      assertThat(set.judgedNoisy(item, WHITE_15, AudioCleaner.Settings.DEFAULT, 2000))
          .as(item.id() + " white 15 dB, warm")
          .isTrue();
      assertThat(set.judgedNoisy(item, WHITE_15, AudioCleaner.Settings.DEFAULT, 0))
          .as(item.id() + " white 15 dB, cold")
          .isTrue();
      assertThat(
              set.judgedNoisy(
                  item, NoiseEvaluation.Condition.CLEAN, AudioCleaner.Settings.DEFAULT, 2000))
          .as(item.id() + " clean")
          .isFalse();
    }
  }
}
