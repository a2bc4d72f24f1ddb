package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which turns count as saying nothing yet, and that complete short answers never do. */
class HalfSentenceTest {
  @Test
  void hesitationsAndBrokenOffSentencesAreHalfSentences() {
    for (String s :
        List.of(
            "uh",
            "hmm um",
            "um er",
            "well um",
            "so",
            "okay so um",
            "i was wondering if",
            "but the",
            "and then like uh",
            "could you send it to my",
            "yes but")) {
      assertThat(HalfSentence.test(s, "en")).as(s).isTrue();
    }
    for (String s : List.of("嗯 这个", "啊啊啊", "呃", "那个 就是", "嗯 那个 然后")) {
      assertThat(HalfSentence.test(s, "zh")).as(s).isTrue();
    }
  }

  @Test
  void shortCompleteAnswersAreNot() {
    for (String s :
        List.of(
            "uh huh",
            "mm hmm",
            "yes",
            "okay",
            "no",
            "huh",
            "i don't think so",
            "who am i talking to",
            "what are you calling about",
            "who am i speaking with",
            "i paid it um",
            "stop calling me uh",
            "",
            // A longer turn that said its piece and trailed off (the tail garbled on the line),
            // from a live call's transcript.
            "that balance is wrong i want to see as takes him and")) {
      assertThat(HalfSentence.test(s, "en")).as(s).isFalse();
    }
    for (String s : List.of("嗯", "嗯嗯", "哦", "好", "我不要这个", "就是这个", "对 就是")) {
      assertThat(HalfSentence.test(s, "zh")).as(s).isFalse();
    }
  }
}
