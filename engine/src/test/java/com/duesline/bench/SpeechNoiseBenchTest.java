package com.duesline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The value `bench speech --noise-only` compares: what a call would record from an answer. */
class SpeechNoiseBenchTest {
  @Test
  void anAnswersValueIsItsAmountDateOrDigits() {
    assertThat(SpeechNoiseBench.answerValue("amount", "eight hundred eighty one dollars today"))
        .isEqualTo("881.00");
    assertThat(SpeechNoiseBench.answerValue("amount", "a hundred eighty one dollars today"))
        .isNotEqualTo("881.00");
    assertThat(SpeechNoiseBench.answerValue("digits", "nine two six four")).isEqualTo("9264");
    assertThat(SpeechNoiseBench.answerValue("digits", "you know")).isNull();
    assertThat(SpeechNoiseBench.answerValue("prompt", "press star for help")).isNull();
  }

  @Test
  void aLostWeekdayBeforeTheRightDateKeepsTheValueAWrongDayDoesNot() {
    String want = SpeechNoiseBench.answerValue("date", "tuesday october thirty first");
    assertThat(want).isNotNull();
    assertThat(SpeechNoiseBench.answerValue("date", "june october thirty first")).isEqualTo(want);
    assertThat(SpeechNoiseBench.answerValue("date", "tuesday october thirty")).isNotEqualTo(want);
  }

  private static com.duesline.speech.NoiseEvaluation.Heard heard(
      String kind, String reference, String... wordsAndConf) {
    return heard(false, kind, reference, wordsAndConf);
  }

  private static com.duesline.speech.NoiseEvaluation.Heard heard(
      boolean noisyLine, String kind, String reference, String... wordsAndConf) {
    java.util.List<com.duesline.speech.RecognizedWord> words = new java.util.ArrayList<>();
    for (int i = 0; i < wordsAndConf.length; i += 2)
      words.add(
          new com.duesline.speech.RecognizedWord(
              wordsAndConf[i], i, i + 1, Double.parseDouble(wordsAndConf[i + 1])));
    String text = String.join(" ", words.stream().map(w -> w.word()).toList());
    var item =
        new com.duesline.speech.NoiseEvaluation.Item("x", "tune", kind, new short[0], reference);
    return new com.duesline.speech.NoiseEvaluation.Heard(
        item, text, 0, text, 0, words, java.util.List.of(), words, noisyLine);
  }

  @Test
  void aWrongAmountHeardSureIsRecordedWrongOneHeardUnsureIsReadBack() {
    var sureWrong = heard("amount", "fifty two dollars", "fifteen", "0.9", "dollars", "1.0");
    var unsureWrong = heard("amount", "fifty two dollars", "fifteen", "0.4", "dollars", "1.0");
    var right = heard("amount", "fifty two dollars", "fifty", "0.9", "two", "0.9", "dollars", "1");
    assertThat(SpeechNoiseBench.recordedWrong(sureWrong)).isTrue();
    assertThat(SpeechNoiseBench.recordedWrong(unsureWrong)).isFalse();
    assertThat(SpeechNoiseBench.recordedWrong(right)).isFalse();
    assertThat(SpeechNoiseBench.valueRight(right)).isTrue();
    // On a line judged noisy every amount is read back, however sure.
    var sureWrongOnANoisyLine =
        heard(true, "amount", "fifty two dollars", "fifteen", "0.9", "dollars", "1.0");
    assertThat(SpeechNoiseBench.readBack(sureWrongOnANoisyLine)).isTrue();
    assertThat(SpeechNoiseBench.recordedWrong(sureWrongOnANoisyLine)).isFalse();
    assertThat(SpeechNoiseBench.readBack(right)).isFalse();
    // Words with no amount in them record nothing.
    assertThat(SpeechNoiseBench.recordedWrong(heard("amount", "fifty two dollars", "you", "0.9")))
        .isFalse();
    // A wrong unit number fails verification: never a recorded promise.
    assertThat(SpeechNoiseBench.recordedWrong(heard("digits", "nine two", "nine", "1.0")))
        .isFalse();
  }
}
