package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {
  @Test
  void aPromptSplitsAtSentenceEndsButNotInsideAmounts() {
    assertThat(
            Sentences.of(
                "Thank you, Joseph. I've noted your payment of $1,996.80 by December 4th. Have a good day."))
        .containsExactly(
            "Thank you, Joseph.",
            "I've noted your payment of $1,996.80 by December 4th.",
            "Have a good day.");
    assertThat(Sentences.of("Is that right?! Press 1 for yes"))
        .containsExactly("Is that right?!", "Press 1 for yes");
    assertThat(Sentences.of("您好。请问是张先生吗？")).containsExactly("您好。", "请问是张先生吗？");
    assertThat(Sentences.of("  ")).isEmpty();
    assertThat(Sentences.of("No end mark")).containsExactly("No end mark");
  }
}
