package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the evaluation counts word errors. */
class WordErrorRateTest {
  @Test
  void substitutionsDeletionsAndInsertionsCountOneEach() {
    assertThat(WordErrorRate.errors("two hundred dollars", "two hundred dollars")).isZero();
    assertThat(WordErrorRate.errors("two hundred dollars", "to hundred dollars")).isEqualTo(1);
    assertThat(WordErrorRate.errors("two hundred dollars", "two dollars")).isEqualTo(1);
    assertThat(WordErrorRate.errors("two hundred dollars", "two hundred dollars sand"))
        .isEqualTo(1);
    assertThat(WordErrorRate.errors("", "yes")).isEqualTo(1);
  }

  @Test
  void aCompoundWrittenOpenOrClosedIsTheSameWordButOnlyWhenItSpellsTheSame() {
    assertThat(
            WordErrorRate.errors(
                "enter one or more keywords separated by star",
                "enter one or more key words separated by star"))
        .isZero();
    assertThat(WordErrorRate.errors("you entered and re entered", "you entered and reentered"))
        .isZero();
    assertThat(WordErrorRate.errors("key words", "keywords")).isZero();
    // "keyboards" is not "key words": a substitution and an insertion.
    assertThat(WordErrorRate.errors("key words", "keyboards")).isEqualTo(2);
  }

  @Test
  void contractionsCountAsTheirExpansion() {
    assertThat(WordErrorRate.errors("the entry you've accessed", "the entry you have accessed"))
        .isZero();
    assertThat(WordErrorRate.length("i'm sorry")).isEqualTo(3);
  }
}
