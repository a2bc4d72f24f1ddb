package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnsureWordsTest {
  private static RecognizedWord w(String word, double conf) {
    return new RecognizedWord(word, 0, 0, conf);
  }

  @Test
  void onlyUnsureWordsCarryingAnAmountOrADateCount() {
    List<RecognizedWord> words =
        List.of(
            w("i", 0.3),
            w("can", 0.4),
            w("pay", 1),
            w("two", 1),
            w("hundred", 1),
            w("dollars", 1),
            w("on", 0.5),
            w("friday", 0.95));
    assertThat(UnsureWords.entities(words, 0.8)).isEmpty();
    // "fifteen" could be an amount or a day of the month; "fifty" only an amount.
    assertThat(UnsureWords.entities(List.of(w("fifteen", 0.6), w("dollars", 1)), 0.8))
        .containsExactlyInAnyOrder("amount", "date");
    assertThat(UnsureWords.entities(List.of(w("fifty", 0.6)), 0.8)).containsExactly("amount");
    assertThat(UnsureWords.entities(List.of(w("two", 1), w("hundred", 0.5), w("dollars", 1)), 0.8))
        .containsExactly("amount");
    assertThat(UnsureWords.entities(List.of(w("friday", 0.5)), 0.8)).containsExactly("date");
  }
}
