package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The classifier on the shipped library: held-out accuracy, scoping, question phrases, bad input.
 */
class LuceneIntentClassifierTest {
  private static final LuceneIntentClassifier C = SharedClassifier.INSTANCE;
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
  private static final List<String> CATALOGUE =
      List.of(
          "affirm",
          "deny",
          "wrong_person",
          "promise_to_pay",
          "already_paid",
          "hardship",
          "request_installments",
          "service_complaint",
          "fee_dispute",
          "vacant_unit",
          "public_income_offset",
          "request_callback",
          "request_human",
          "stop_contact",
          "attorney",
          "dispute_debt",
          "ask_amount",
          "ask_payment_options",
          "ask_identity",
          "bereavement",
          "abusive",
          "repeat",
          "out_of_scope");

  // Bounds of the accuracy test: a little under the measured figures of docs/intents.md.
  private static final double EN_FRESH = 0.93;
  private static final double ZH_FRESH = 0.93;
  private static final double EN_SEEN = 0.93;
  private static final double ZH_SEEN = 0.93;
  private static final double EN_ABSTAIN = 0.03;
  private static final double ZH_ABSTAIN = 0.03;
  private static final double EN_OLD = 0.90;
  private static final double ZH_OLD = 0.90;

  private static IntentMatch en(String text) {
    return C.classify(text, MatchContext.open("en", TODAY));
  }

  @Test
  void catalogueIsExactlyTheIssuesAndEveryIntentHasSixtyExamplesPerLanguage() {
    assertThat(C.library().intentNames()).containsExactlyElementsOf(CATALOGUE);
    for (String lang : List.of("en", "zh")) {
      for (String intent : CATALOGUE) {
        long n =
            C.library().language(lang).examples().stream()
                .filter(e -> e.intent().equals(intent))
                .count();
        assertThat(n).as(lang + " " + intent).isGreaterThanOrEqualTo(60);
      }
    }
  }

  @Test
  void heldOutUtterancesAreNotIndexedAndCoverEveryIntent() {
    for (String lang : List.of("en", "zh")) {
      Set<String> indexed = new HashSet<>();
      C.library()
          .language(lang)
          .examples()
          .forEach(e -> indexed.add(e.text().toLowerCase(Locale.ROOT)));
      for (List<LabelledUtterance> held :
          List.of(
              C.library().heldOut(lang),
              C.library().seenHeldOut(lang),
              C.library().freshHeldOut(lang))) {
        assertThat(held).hasSizeGreaterThan(150);
        for (LabelledUtterance u : held)
          assertThat(indexed).as(u.source()).doesNotContain(u.text().toLowerCase(Locale.ROOT));
        Set<String> covered = new HashSet<>();
        held.forEach(u -> covered.addAll(u.gold()));
        assertThat(covered).containsAll(CATALOGUE);
      }
      assertThat(C.library().seenHeldOut(lang))
          .hasSizeGreaterThanOrEqualTo(lang.equals("en") ? 300 : 200);
      assertThat(C.library().freshHeldOut(lang))
          .hasSizeGreaterThanOrEqualTo(lang.equals("en") ? 250 : 200);
    }
  }

  /**
   * Bounds a little under the measured figures of docs/intents.md: fresh held-out (en heldout-6, zh
   * heldout-5, never tuned on), the held-out sets looked at in earlier rounds (heldout-2 up to the
   * file before the fresh one, never tuned on) and the old one (tuned on).
   */
  @Test
  void heldOutAccuracyIsAboveTheStatedBounds() {
    IntentEvaluation en = IntentEvaluation.run(C, "en", C.library().freshHeldOut("en"), TODAY);
    IntentEvaluation zh = IntentEvaluation.run(C, "zh", C.library().freshHeldOut("zh"), TODAY);
    assertThat(en.accuracy())
        .as("en fresh held-out accuracy, misses: %s", en.misses())
        .isGreaterThanOrEqualTo(EN_FRESH);
    assertThat(zh.accuracy())
        .as("zh fresh held-out accuracy, misses: %s", zh.misses())
        .isGreaterThanOrEqualTo(ZH_FRESH);
    assertThat(en.abstentionRate())
        .as("en abstained on meaningful utterances")
        .isLessThanOrEqualTo(EN_ABSTAIN);
    assertThat(zh.abstentionRate())
        .as("zh abstained on meaningful utterances")
        .isLessThanOrEqualTo(ZH_ABSTAIN);
    IntentEvaluation enSeen = IntentEvaluation.run(C, "en", C.library().seenHeldOut("en"), TODAY);
    IntentEvaluation zhSeen = IntentEvaluation.run(C, "zh", C.library().seenHeldOut("zh"), TODAY);
    assertThat(enSeen.accuracy())
        .as("en seen held-out (heldout-2..5) accuracy, misses: %s", enSeen.misses())
        .isGreaterThanOrEqualTo(EN_SEEN);
    assertThat(zhSeen.accuracy())
        .as("zh seen held-out (heldout-2..4) accuracy, misses: %s", zhSeen.misses())
        .isGreaterThanOrEqualTo(ZH_SEEN);
    assertThat(IntentEvaluation.run(C, "en", C.library().heldOut("en"), TODAY).accuracy())
        .isGreaterThanOrEqualTo(EN_OLD);
    assertThat(IntentEvaluation.run(C, "zh", C.library().heldOut("zh"), TODAY).accuracy())
        .isGreaterThanOrEqualTo(ZH_OLD);
  }

  @Test
  void thresholdsAreCrossValidatedPerLanguageAndStricterForIntentsThatEndContact() {
    for (String lang : List.of("en", "zh")) {
      Calibration cal = C.calibration(lang);
      assertThat(cal.calibrated()).isTrue();
      // 0 is a legitimate outcome: the out_of_scope examples then do the abstaining (they win
      // outright).
      assertThat(cal.threshold()).isBetween(0.0, 0.9);
      assertThat(cal.endingThreshold()).isGreaterThanOrEqualTo(cal.threshold());
      assertThat(cal.endingMargin()).isBetween(0.0, 0.5);
      assertThat(cal.examples()).isGreaterThan(23 * 60);
      assertThat(cal.outOfFold().accuracy()).as(lang + " out-of-fold accuracy").isGreaterThan(0.85);
    }
  }

  @Test
  void anUtteranceNearTwoIntentsComesBackWithBoth() {
    IntentMatch m = en("i already paid half of it and i'll pay the rest on friday");
    Set<String> both = Set.of("already_paid", "promise_to_pay");
    assertThat(both).contains(m.intent());
    assertThat(m.alternatives())
        .anyMatch(a -> both.contains(a.intent()) && !a.intent().equals(m.intent()));
  }

  @Test
  void theSameTextIsEmbeddedOnceSoAFinalEqualToThePartialCostsNothing() {
    String partial = "i can pay two hundred on the twelfth of next month";
    IntentMatch first = en(partial);
    assertThat(SentenceEncoder.forLanguage("en").remembers(partial)).isTrue();
    assertThat(en(partial)).isEqualTo(first);
  }

  @Test
  void meaningCarriesWhereWordsDiffer() {
    // No example shares these words with its intent; the sentence vectors find it.
    assertThat(en("my spouse is no longer living").intent()).isEqualTo("bereavement");
  }

  @Test
  void typicalCallerTurns() {
    assertThat(en("yeah that's me").intent()).isEqualTo("affirm");
    assertThat(en("no i already paid that last week").intent()).isEqualTo("already_paid");
    assertThat(en("i'll pay it next friday").entities()).containsEntry("date", "2026-12-04");
    assertThat(en("i'll pay it next friday").intent()).isEqualTo("promise_to_pay");
    assertThat(en("stop calling me").intent()).isEqualTo("stop_contact");
    assertThat(C.classify("我下周五交两千五", MatchContext.open("zh", TODAY)))
        .satisfies(
            m -> {
              assertThat(m.intent()).isEqualTo("promise_to_pay");
              assertThat(m.entities())
                  .containsEntry("date", "2026-12-04")
                  .containsEntry("amount", "2500.00");
            });
  }

  @Test
  void misheardWordsAreCorrectedToTheNearestIndexedWord() {
    IntentMatch m = en("i alredy payed it last wek");
    assertThat(m.intent()).isEqualTo("already_paid");
    // The sentence vector is taken of the corrected text too (before, "talk to my ..." pulled to
    // request_human).
    assertThat(en("talk to my atorney").intent()).isEqualTo("attorney");
  }

  @Test
  void hesitationsAndHalfSentencesAbstainButKeepTheirNearestIntents() {
    for (String s : List.of("uh", "hmm um", "okay so um", "i was wondering if")) {
      IntentMatch m = en(s);
      assertThat(m.intent()).as(s).isEqualTo("out_of_scope");
      assertThat(m.alternatives()).as(s).isNotEmpty();
    }
    assertThat(C.classify("嗯 这个", MatchContext.open("zh", TODAY)).intent())
        .isEqualTo("out_of_scope");
    assertThat(en("uh huh").intent()).isEqualTo("affirm");
  }

  @Test
  void onlyMisspeltWordsTheEncoderDoesNotKnowAreCorrectedForTheSentenceVector() {
    LanguageMatcher m = C.matcher("en");
    assertThat(m.spelled("talk to my atorney")).isEqualTo("talk to my attorney");
    // Two edits away ("occupied") would flip the meaning; words the encoder knows stay even when
    // the examples lack them.
    assertThat(m.spelled("the unit is unoccupied")).isEqualTo("the unit is unoccupied");
    assertThat(m.spelled("can you recommend a good dentist"))
        .isEqualTo("can you recommend a good dentist");
  }

  @Test
  void nonsenseAbstainsAsOutOfScope() {
    IntentMatch m = en("purple elephants juggle quantum marmalade");
    assertThat(m.intent()).isEqualTo("out_of_scope");
  }

  @Test
  void expectedIntentsNarrowMatchingButAlwaysHeardIntentsStayCandidates() {
    MatchContext yesNo = new MatchContext("en", TODAY, Set.of("affirm", "deny"), Map.of());
    // Open matching finds the fee complaint; asked a yes/no question, only yes/no and always-heard
    // intents can win.
    assertThat(en("the fee is too high").intent()).isEqualTo("fee_dispute");
    IntentMatch scoped = C.classify("the fee is too high", yesNo);
    assertThat(scoped.intent()).isNotEqualTo("fee_dispute");
    assertThat(scoped.alternatives()).noneMatch(a -> a.intent().equals("fee_dispute"));
    assertThat(C.classify("i have a lawyer", yesNo).intent()).isEqualTo("attorney");
    assertThat(C.classify("yep", yesNo).intent()).isEqualTo("affirm");
  }

  @Test
  void questionPhrasesAddWordingsAndAreIndexedOncePerDistinctSet() {
    String said = "option two works for me";
    Map<String, List<String>> phrases =
        Map.of("request_installments", List.of("option two", "the second option"));
    MatchContext asked =
        new MatchContext("en", TODAY, Set.of("request_installments", "promise_to_pay"), phrases);
    assertThat(en(said).intent()).isNotEqualTo("request_installments");
    assertThat(C.classify(said, asked).intent()).isEqualTo("request_installments");
    int cached = C.cachedQuestionPhraseSets("en");
    C.classify(
        "the second option",
        new MatchContext("en", TODAY, Set.of("request_installments"), Map.copyOf(phrases)));
    assertThat(C.cachedQuestionPhraseSets("en"))
        .as("an equal phrase set reuses its index")
        .isEqualTo(cached);
    assertThatThrownBy(
            () ->
                C.classify(
                    "x",
                    new MatchContext(
                        "en", TODAY, Set.of(), Map.of("no_such_intent", List.of("x")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no_such_intent");
  }

  @Test
  void badInputGetsAResultNeverAnException() {
    assertThat(en("").intent()).isEqualTo("out_of_scope");
    assertThat(en(null).intent()).isEqualTo("out_of_scope");
    assertThat(en("\u0000\u0001\uFFFD\uFFFD\u0007").intent()).isEqualTo("out_of_scope");
    String huge = "i already paid ".repeat(700);
    assertThat(huge.length()).isGreaterThan(10_000);
    assertThat(en(huge).intent()).isEqualTo("already_paid");
    assertThat(en("i want to talk to 经理 please").intent()).isNotNull();
    assertThat(C.classify("我 要 找 manager", MatchContext.open("zh", TODAY)).intent()).isNotNull();
    assertThatThrownBy(() -> C.classify("yes", MatchContext.open("fr", TODAY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fr");
  }

  @Test
  void explainShowsTheNearestExamplesWithTheirFiles() {
    Explanation x = C.explain("i already paid it", MatchContext.open("en", TODAY), 5);
    assertThat(x.nearest()).hasSize(5);
    assertThat(x.nearest().get(0).intent()).isEqualTo("already_paid");
    assertThat(x.nearest().get(0).source()).contains("already_paid.txt:");
    assertThat(x.nearest().get(0).score()).isGreaterThanOrEqualTo(x.nearest().get(4).score());
    assertThat(x.votes().get(0).intent()).isEqualTo(x.match().intent());
    assertThat(x.semanticNearest()).isNotEmpty();
    assertThat(x.semanticNearest().get(0).intent()).isEqualTo("already_paid");
    assertThat(x.semanticNearest().get(0).score()).isBetween(0.5, 1.0);
  }
}
