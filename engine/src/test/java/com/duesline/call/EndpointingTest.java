package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.call.Endpointing.Question;
import com.duesline.call.Endpointing.Wait;
import com.duesline.intent.IntentMatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointingTest {
  private final Endpointing rule =
      new Endpointing(new Endpointing.Settings(250, 650, 1300, 1.3, 100, 200, 1000, 0));
  private static final Question AMOUNT = new Question("amount_due", false, 0);
  private static final Question IDENTITY = new Question("identity", true, 0);
  private static final Question UNIT = new Question("unit", false, 4);

  private static IntentMatch guess(String intent, Map<String, String> entities) {
    return new IntentMatch("", intent, 0.9, List.of(), entities);
  }

  @Test
  void aPromiseWithItsAmountOrDateIsCompleteAndOneWithoutWaitsTheDefaultUnlessItTrailsOff() {
    assertThat(
            rule.judge(
                "i can pay two hundred dollars on december fourth",
                guess("promise_to_pay", Map.of("amount", "200.00", "date", "2026-12-04")),
                AMOUNT))
        .isEqualTo(Wait.SHORT);
    assertThat(rule.judge("i can pay", guess("promise_to_pay", Map.of()), AMOUNT))
        .isEqualTo(Wait.LONG);
    assertThat(rule.judge("i will pay it next", guess("promise_to_pay", Map.of()), AMOUNT))
        .isEqualTo(Wait.LONG);
    // A whole sentence without the entity: the track asks for it next.
    assertThat(rule.judge("okay fine i'll pay soon", guess("promise_to_pay", Map.of()), AMOUNT))
        .isEqualTo(Wait.DEFAULT);
    assertThat(
            rule.judge("can i pay in instalments", guess("request_installments", Map.of()), AMOUNT))
        .isEqualTo(Wait.DEFAULT);
  }

  @Test
  void anUnfinishedSentenceWaitsLong() {
    for (String s :
        List.of("i can pay on", "i lost my job and", "well um", "it was but", "my unit is")) {
      assertThat(rule.judge(s, guess("hardship", Map.of()), AMOUNT)).as(s).isEqualTo(Wait.LONG);
    }
  }

  @Test
  void yesOrNoAtAYesNoQuestionIsComplete() {
    assertThat(rule.judge("yes", null, IDENTITY)).isEqualTo(Wait.SHORT);
    assertThat(rule.judge("no", null, IDENTITY)).isEqualTo(Wait.SHORT);
    assertThat(rule.judge("yes", null, AMOUNT)).isEqualTo(Wait.DEFAULT);
  }

  @Test
  void aNumberIsCompleteWithAllItsDigits() {
    assertThat(rule.judge("zero three", null, UNIT)).isEqualTo(Wait.LONG);
    assertThat(rule.judge("my unit is", null, UNIT)).isEqualTo(Wait.LONG);
    assertThat(rule.judge("[unk] [unk]", null, UNIT)).isEqualTo(Wait.LONG);
    assertThat(rule.judge("", null, UNIT)).as("voice, no words yet").isEqualTo(Wait.LONG);
    assertThat(rule.judge("", null, AMOUNT)).isEqualTo(Wait.DEFAULT);
    assertThat(rule.judge("zero three zero four", null, UNIT)).isEqualTo(Wait.SHORT);
    // Counted as verification reads them: "twenty one oh" is 2, 1, 0, one digit short of four.
    assertThat(rule.judge("twenty one oh", null, UNIT)).isEqualTo(Wait.LONG);
    assertThat(rule.judge("twelve oh three", null, UNIT)).isEqualTo(Wait.SHORT);
    assertThat(rule.judge("i want to talk to a person", guess("request_human", Map.of()), UNIT))
        .isEqualTo(Wait.SHORT);
    // A lead-in the classifier takes for something else still waits for the digits ("is" often
    // heard "as").
    assertThat(rule.judge("my unit as", guess("ask_identity", Map.of()), UNIT))
        .isEqualTo(Wait.LONG);
    assertThat(rule.judge("my unit is", guess("ask_identity", Map.of()), UNIT))
        .isEqualTo(Wait.LONG);
    // The lead-in's partial before its "is": a classifier may read a meaning into "my unit"
    // (vacant_unit), the digits still come.
    assertThat(rule.judge("my unit", guess("vacant_unit", Map.of()), UNIT)).isEqualTo(Wait.LONG);
    assertThat(rule.judge("the apartment number", guess("dispute_debt", Map.of()), UNIT))
        .isEqualTo(Wait.LONG);
  }

  @Test
  void theDigitsGrammarsWordsCompleteANumberTheOpenPartialHasNotYet() {
    Question six = new Question("unit", false, 6);
    // The open recognizer's partial of "... zero four" on a 2 Dec run; the digits grammar beside
    // it had the "four" as its audio ended.
    assertThat(rule.judge("zero one one seven zero for", null, six)).isEqualTo(Wait.LONG);
    assertThat(rule.judge("zero one one seven zero for", "zero one one seven zero four", null, six))
        .isEqualTo(Wait.SHORT);
    assertThat(rule.judge("zero one zero seven zero", "zero one zero seven zero one", null, six))
        .isEqualTo(Wait.SHORT);
    // The grammar's words count only as digits: a lead-in it maps to [unk] still waits.
    assertThat(rule.judge("my unit is", "[unk] [unk] [unk]", null, six)).isEqualTo(Wait.LONG);
    assertThat(rule.judge("my unit is zero three", "[unk] zero three", null, six))
        .isEqualTo(Wait.LONG);
    // Elsewhere the grammar's words change nothing.
    assertThat(rule.judge("i can pay", "[unk] [unk] [unk]", null, AMOUNT)).isEqualTo(Wait.LONG);
  }

  @Test
  void tensAndTeensReadOutInANumberCountAsTwoDigits() {
    Question six = new Question("unit", false, 6);
    assertThat(rule.judge("zero one zero nine zero thirty", null, six)).isEqualTo(Wait.SHORT);
    assertThat(rule.judge("zero one twelve oh three", null, six)).isEqualTo(Wait.SHORT);
    assertThat(rule.judge("zero one thirty", null, six)).isEqualTo(Wait.LONG);
  }

  @Test
  void anAcknowledgmentAloneWaitsTheDefaultEvenAtAYesNoQuestion() {
    for (String ack :
        List.of("okay", "alright", "all right", "okay i understand", "i see", "fine")) {
      assertThat(rule.judge(ack, guess("affirm", Map.of()), IDENTITY))
          .as(ack)
          .isEqualTo(Wait.DEFAULT);
      assertThat(rule.judge(ack, guess("affirm", Map.of()), AMOUNT))
          .as(ack)
          .isEqualTo(Wait.DEFAULT);
    }
    for (String yes : List.of("yes", "yes okay", "right", "sure", "yeah")) {
      assertThat(rule.judge(yes, guess("affirm", Map.of()), IDENTITY))
          .as(yes)
          .isEqualTo(Wait.SHORT);
    }
  }

  @Test
  void anyHelloThatDoesNotTrailOffIsComplete() {
    for (String hello : List.of("hello", "yeah", "well", "right", "hello who is this")) {
      assertThat(rule.judge(hello, null, Question.GREETING)).as(hello).isEqualTo(Wait.SHORT);
    }
    assertThat(rule.judge("", null, Question.GREETING))
        .as("a voice the recognizer has not named yet")
        .isEqualTo(Wait.SHORT);
    assertThat(rule.judge("hello um", null, Question.GREETING)).isEqualTo(Wait.DEFAULT);
    assertThat(rule.judge("well", null, Question.NONE)).isEqualTo(Wait.DEFAULT);
  }

  @Test
  void aConfidentIntentIsCompleteAndAnUnclassifiedAnswerWaitsTheDefault() {
    assertThat(rule.judge("i lost my job last month", guess("hardship", Map.of()), AMOUNT))
        .isEqualTo(Wait.DEFAULT);
    assertThat(rule.judge("i lost my job", guess("hardship", Map.of()), AMOUNT))
        .isEqualTo(Wait.DEFAULT);
    assertThat(rule.judge("money is tight", guess("hardship", Map.of()), AMOUNT))
        .isEqualTo(Wait.SHORT);
    // A long clause may go on after a comma's pause; a short answer is whole.
    assertThat(rule.judge("oh right i forgot about that", guess("affirm", Map.of()), AMOUNT))
        .isEqualTo(Wait.DEFAULT);
    assertThat(rule.judge("sure", guess("affirm", Map.of()), AMOUNT)).isEqualTo(Wait.SHORT);
    assertThat(rule.judge("i lost my job last month", null, AMOUNT)).isEqualTo(Wait.DEFAULT);
    assertThat(rule.judge("blue sky", guess("out_of_scope", Map.of()), AMOUNT))
        .isEqualTo(Wait.DEFAULT);
    assertThat(
            rule.judge("two hundred", guess("promise_to_pay", Map.of("amount", "200.00")), AMOUNT))
        .isEqualTo(Wait.DEFAULT);
  }

  @Test
  void waitsGrowToTheCallersOwnPausesButNeverBeyondTheLongWait() {
    assertThat(rule.waitMs(Wait.SHORT, 0)).isEqualTo(250);
    assertThat(rule.waitMs(Wait.SHORT, 800)).isEqualTo(1040);
    assertThat(rule.waitMs(Wait.DEFAULT, 2000)).isEqualTo(1300);
    assertThat(rule.waitMs(Wait.LONG, 2000)).isEqualTo(1300);
  }

  @Test
  void badTimingsAreRejectedByName() {
    assertThatThrownBy(() -> new Endpointing.Settings(700, 650, 1300, 1.3, 100, 200, 1000, 0))
        .hasMessageContaining("calls.endpointing")
        .hasMessageContaining("short-ms");
  }
}
