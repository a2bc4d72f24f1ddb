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
}
