package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tense cues the ridge read-out sees beside the sentence vector. */
class TenseCuesTest {
  private static final float W = TenseCues.WEIGHT;

  @Test
  void aPromiseIsFutureAndAPaymentMadeIsPast() {
    assertThat(TenseCues.of("en", "i'll put a check in the mail")).containsExactly(W, 0);
    assertThat(TenseCues.of("en", "ill send it tomorrow")).containsExactly(W, 0);
    assertThat(TenseCues.of("en", "i'm going to pay on friday")).containsExactly(W, 0);
    assertThat(TenseCues.of("en", "I put a check in the mail last week")).containsExactly(0, W);
    assertThat(TenseCues.of("en", "we already sent it")).containsExactly(0, W);
    assertThat(TenseCues.of("en", "i won't get paid for weeks")).containsExactly(W, W);
    assertThat(TenseCues.of("en", "who is this")).containsExactly(0, 0);
  }

  @Test
  void wordsThatMerelyContainACueDoNotCount() {
    assertThat(TenseCues.of("en", "the willow tree has nothing to do with paidout"))
        .containsExactly(0, 0);
  }

  @Test
  void otherLanguagesHaveNoCuesAndTheVectorIsUnchanged() {
    assertThat(TenseCues.size("zh")).isZero();
    assertThat(TenseCues.of("zh", "我明天交")).isEmpty();
    float[] v = {0.1f, 0.2f};
    assertThat(TenseCues.withCues(v, new float[0])).isSameAs(v);
    assertThat(TenseCues.withCues(v, new float[] {W, 0})).containsExactly(0.1f, 0.2f, W, 0);
  }
}
