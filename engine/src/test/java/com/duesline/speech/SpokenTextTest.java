package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpokenTextTest {
  @Test
  void amountsAreSpelledForSpeech() {
    assertThat(SpokenText.normalise("You owe $1,250.50 today."))
        .isEqualTo("You owe 1250 dollars and 50 cents today.");
    assertThat(SpokenText.normalise("Only $1 and $0.05.")).isEqualTo("Only 1 dollar and 5 cents.");
    assertThat(SpokenText.normalise("We manage 12,000 units on 12/05/2026."))
        .isEqualTo("We manage 12000 units on 12/05/2026.");
    assertThat(SpokenText.normalise("Pay $300.")).isEqualTo("Pay 300 dollars.");
  }
}
