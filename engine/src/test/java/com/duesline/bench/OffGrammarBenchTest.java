package com.duesline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.bench.OffGrammarBench.Heard;
import com.duesline.intent.LabelledUtterance;
import com.duesline.speech.GrammarRecognizer;
import com.duesline.speech.RecognizedWord;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What `bench off-grammar` speaks and counts. */
class OffGrammarBenchTest {
  private static List<RecognizedWord> words(String text) {
    List<RecognizedWord> out = new ArrayList<>();
    double t = 0;
    for (String w : text.split(" ")) out.add(new RecognizedWord(w, t, t += 0.5, 1));
    return out;
  }

  private static Heard heard(String open, String chosen, boolean fromHints, String chosenIntent) {
    return new Heard(
        "tell me how much i owe",
        "ask_amount",
        "clean",
        "date",
        words(open),
        words(chosen),
        new GrammarRecognizer.Choice(words(chosen), fromHints),
        "ask_amount",
        chosenIntent);
  }

  @Test
  void onlySentencesThatAreNoAnswerAreSpokenSpreadEvenlyAndTheOffsetGivesAnotherSample() {
    List<LabelledUtterance> all = new ArrayList<>();
    for (int i = 0; i < 20; i++)
      all.add(
          new LabelledUtterance("s" + i, Set.of(i % 4 == 0 ? "promise_to_pay" : "abusive"), ""));
    all.add(new LabelledUtterance("mixed", Set.of("hardship", "request_installments"), ""));
    List<LabelledUtterance> kept = OffGrammarBench.objections(all, 0, 0);
    assertThat(kept).hasSize(15).noneMatch(u -> u.gold().contains("promise_to_pay"));
    assertThat(kept).noneMatch(u -> u.text().equals("mixed"));
    List<LabelledUtterance> sample = OffGrammarBench.objections(all, 3, 0);
    List<LabelledUtterance> other = OffGrammarBench.objections(all, 3, 1);
    assertThat(sample).extracting(LabelledUtterance::text).containsExactly("s1", "s7", "s14");
    assertThat(other)
        .extracting(LabelledUtterance::text)
        .doesNotContainAnyElementsOf(sample.stream().map(LabelledUtterance::text).toList());
  }

  @Test
  void countsWhatTheChoiceTookAsAnAnswerAndTheIntentsItLost() {
    JsonObject s =
        OffGrammarBench.summary(
            List.of(
                heard("tell me how much title", "can may march april", true, "promise_to_pay"),
                heard("tell me how much title", "tell me how much title", false, "ask_amount"),
                // The open words as an answer in the grammar's own words: the same words, nothing
                // taken.
                heard("march fourth", "march fourth", true, "ask_amount")),
            1);
    JsonObject date = s.getJsonObject("clean").getJsonObject("date");
    assertThat(date.getInteger("decodes")).isEqualTo(3);
    assertThat(date.getInteger("open_intent_right")).isEqualTo(3);
    assertThat(date.getInteger("taken_as_answer")).isEqualTo(1);
    assertThat(date.getInteger("intent_lost")).isEqualTo(1);
    assertThat(date.getJsonArray("lost").getString(0))
        .isEqualTo("tell me how much i owe | tell me how much title → can may march april");
  }
}
