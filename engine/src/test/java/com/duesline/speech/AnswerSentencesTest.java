package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The amount and date grammars with whole answers. The amount grammar is heard by the real Vosk
 * model on the real voice of the noise evaluation set (Asterisk's Allison) where the grammar of
 * single words misheard. (Noisy audio is not asserted here: Vosk's result on it can change with
 * what else the process decoded; the evaluation measures that.)
 */
class AnswerSentencesTest {
  private static String grammarHears(String id, NoiseEvaluation.Condition c) {
    NoiseEvaluation set = NoiseEvaluationFixture.set();
    NoiseEvaluation.Item item =
        set.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    short[] pcm = Transcriber.toRecognizer(set.audio(item, c), 8000, AudioCleaner.Settings.DEFAULT);
    return VoskResults.text(Transcriber.decode(TestSpeech.model(), item.hints(), pcm));
  }

  @Test
  void anAmountGrammarHearsATensWordAfterHundred() {
    // With single words the grammar heard Allison's "fifty" as "thursday" in clean audio
    // ("one thousand three hundred thursday dollars", confidence 1.0). Whole answers keep an
    // amount's shape. Which tens word it hears is left to the evaluation: in one full-suite run
    // the same clean audio came back "sixty" (Vosk's result can change with what else the
    // process decoded), so the test holds the shape, not the word.
    assertAmountShape(
        grammarHears("amount-003", NoiseEvaluation.Condition.CLEAN), "one thousand three hundred");
    assertAmountShape(
        grammarHears("amount-106", NoiseEvaluation.Condition.CLEAN), "two thousand two hundred");
  }

  private static void assertAmountShape(String heard, String lead) {
    assertThat(heard).startsWith(lead + " ").endsWith(" dollars");
    // One tens word between them.
    assertThat(heard.substring(lead.length(), heard.length() - " dollars".length()).trim())
        .as(heard)
        .matches("(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)");
  }

  @Test
  void theSentencesAreMadeOfTheGrammarsWords() {
    assertThat(AnswerSentences.dates()).contains("tuesday may seventh", "the thirty first of may");
    assertThat(AnswerSentences.amounts(List.of("today")))
        .contains("six thousand nine hundred fifty dollars", "fifty dollars", "dollars on friday");
    // The sentences teach the order of the words; they add none (the vocabulary "choose" checks).
    for (PhraseHints h : List.of(PhraseHints.dates(), PhraseHints.amounts())) {
      assertThat(h.sentences()).isNotEmpty();
      for (String sentence : h.sentences())
        assertThat(h.words()).containsAll(List.of(sentence.split(" ")));
    }
    assertThatThrownBy(() -> new PhraseHints(List.of("one", "two"), 0.6, List.of("one three")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'three'");
  }
}
