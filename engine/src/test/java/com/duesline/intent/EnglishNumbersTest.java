package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A number read out in words, as the digits a unit number is checked against. */
class EnglishNumbersTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      one two zero three                 | 1203
      one two oh three                   | 1203
      twelve oh three                    | 1203
      my unit is four twenty             | 420
      thirty four                        | 34
      three oh                           | 30
      oh i think it's one oh two         | 102
      oh                                 | ''
      oh i don't know                    | ''
      nine nine                          | 99
      """)
  void readsTheDigitsOut(String words, String digits) {
    assertThat(EnglishNumbers.readOutDigits(Arrays.asList(words.split(" ")))).isEqualTo(digits);
  }
}
