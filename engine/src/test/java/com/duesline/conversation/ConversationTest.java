package com.duesline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.intent.IntentMatch;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.TrackLibrary;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state machine alone: intents are fed directly (matching is tested with the real classifier in
 * the stories).
 */
class ConversationTest {
  static final TrackLibrary LIB =
      TrackLibrary.load(LibraryLocation.resolve(Path.of("..", "scripts-library", "library")));

  static Map<String, Object> account() {
    Map<String, Object> a = new HashMap<>();
    a.put("first_name", "Maria");
    a.put("last_name", "Lopez");
    a.put("company", "Harbor View");
    a.put("callback_number", "555 0100");
    a.put("unit_number", "1203");
    a.put("amount_due", new BigDecimal("1250.00"));
    a.put("due_date", LocalDate.of(2026, 10, 15));
    a.put("days_overdue", 41);
    a.put("today", LocalDate.of(2026, 11, 25));
    return a;
  }

  static Conversation start(String track, String lang, Map<String, Object> facts) {
    Conversation c = new Conversation(LIB.track(track, lang), LIB.catalogue(), facts, 1);
    c.start();
    return c;
  }

  static CallerTurn.Heard heard(String intent, Map<String, String> entities) {
    return new CallerTurn.Heard(
        new IntentMatch("(test) " + intent, intent, 0.9, List.of(), entities));
  }

  static CallerTurn.Heard heard(String intent) {
    return heard(intent, Map.of());
  }

  /** Through identity and unit verification to the track's first question after verification. */
  static Conversation verified(String track, String lang) {
    Conversation c = start(track, lang, account());
    c.take(heard("affirm"));
    BotTurn t = c.take(new CallerTurn.Keys("1203"));
    assertThat(t.node()).isEqualTo("pay_ask");
    return c;
  }

  @Test
  void aPreferredVariantIsSpokenAtEveryABPromptWhateverTheSeed() {
    for (String variant : List.of("A", "B")) {
      for (long seed = 1; seed <= 20; seed++) {
        Conversation c =
            new Conversation(LIB.track("early", "en"), LIB.catalogue(), account(), seed);
        c.preferVariant(variant);
        c.start();
        c.take(heard("affirm"));
        BotTurn t = c.take(new CallerTurn.Keys("1203"));
        Spoken verified =
            t.spoken().stream().filter(s -> s.node().equals("verified")).findFirst().orElseThrow();
        assertThat(verified.variant()).isEqualTo(variant);
        assertThat(c.variants()).containsEntry(verified.promptId(), variant);
      }
    }
  }

  @Test
  void thePathListsEveryNodeEnteredIncludingSetAndBranchNodes() {
    Conversation c = verified("early", "en");
    assertThat(c.path())
        .containsExactly("greeting", "confirm_identity", "ask_unit", "verified", "pay_ask");
    c.take(heard("affirm"));
    // pay_today (set) and promise_check (branch) speak nothing, but the path shows the way taken.
    assertThat(c.path())
        .endsWith(
            "pay_ask",
            "pay_today",
            "promise_check",
            "promise_full_amount",
            "promise_check",
            "promise_confirm");
  }

  @Test
  void openingDisclosesAndIsNotInterruptibleAndSaysNothingAboutTheDebt() {
    Conversation c = new Conversation(LIB.track("early", "en"), LIB.catalogue(), account(), 1);
    BotTurn open = c.start();
    assertThat(open.node()).isEqualTo("confirm_identity");
    assertThat(open.spoken().get(0).interruptible()).isFalse();
    assertThat(open.spoken().get(0).text())
        .contains("Harbor View")
        .contains("recorded")
        .contains("AI assistant");
    assertThat(open.say()).doesNotContain("1,250").doesNotContain("October");
    assertThat(open.trackVersion()).hasSize(12);
    BotTurn unit = c.take(heard("affirm"));
    assertThat(unit.node()).isEqualTo("ask_unit");
    assertThat(unit.say()).doesNotContain("1,250");
  }

  @Test
  void verificationByVoiceDigitsAndFailure() {
    Conversation ok = start("mid", "en", account());
    ok.take(heard("affirm"));
    BotTurn t =
        ok.take(
            new CallerTurn.Heard(
                new IntentMatch("it's 1203", "out_of_scope", 0.1, List.of(), Map.of())));
    assertThat(t.node()).isEqualTo("pay_ask");
    assertThat(t.say()).contains("$1,250.00").contains("41 days");

    Conversation zh = start("mid", "zh", account());
    zh.take(heard("affirm"));
    assertThat(
            zh.take(
                    new CallerTurn.Heard(
                        new IntentMatch("一二零三", "out_of_scope", 0.1, List.of(), Map.of())))
                .say())
        .contains("1250.00元");

    Conversation bad = start("mid", "en", account());
    bad.take(heard("affirm"));
    BotTurn again = bad.take(new CallerTurn.Keys("9999"));
    assertThat(again.ended()).as("one wrong number gets a second try").isFalse();
    assertThat(again.node()).isEqualTo("ask_unit_again");
    assertThat(again.say()).doesNotContain("1,250");
    BotTurn failed = bad.take(new CallerTurn.Keys("9998"));
    assertThat(failed.ended()).isTrue();
    assertThat(failed.outcome().disposition()).isEqualTo("VERIFY_FAILED");
    assertThat(failed.say()).doesNotContain("1,250");
  }

  @Test
  void thirdPartyHearsNothingAndWrongPersonEndsWithoutDisclosure() {
    Conversation c = start("late", "en", account());
    BotTurn tp = c.take(heard("deny"));
    assertThat(tp.node()).isEqualTo("third_party_ask");
    BotTurn end = c.take(heard("request_callback", Map.of("date", "2026-11-26")));
    assertThat(end.ended()).isTrue();
    assertThat(end.outcome().disposition()).isEqualTo("THIRD_PARTY");
    assertThat(tp.say() + end.say()).doesNotContain("1,250").doesNotContain("overdue");

    Conversation w = start("late", "en", account());
    BotTurn wrong = w.take(heard("wrong_person"));
    assertThat(wrong.outcome().disposition()).isEqualTo("WRONG_PARTY");
    assertThat(wrong.say()).doesNotContain("1,250");
  }

  @Test
  void objectionBeforeVerificationIsDeferredAndReturnsToTheQuestion() {
    Conversation c = start("early", "en", account());
    BotTurn t = c.take(heard("ask_amount"));
    assertThat(t.node()).isEqualTo("confirm_identity");
    assertThat(t.say()).contains("as soon as I've confirmed").doesNotContain("1,250");
  }

  @Test
  void promiseWithDateAndAmountIsRecorded() {
    Conversation c = verified("early", "en");
    BotTurn t = c.take(heard("promise_to_pay", Map.of("date", "2026-12-04", "amount", "500.00")));
    assertThat(t.node()).isEqualTo("promise_confirm");
    assertThat(t.say()).contains("$500.00").contains("December 4, 2026");
    assertThat(t.outcome().disposition()).isEqualTo("PTP");
    assertThat(t.outcome().promise())
        .isEqualTo(new Outcome.PromiseToPay(LocalDate.of(2026, 12, 4), new BigDecimal("500.00")));
  }

  @Test
  void promiseWithoutDateAsksForItAndDefaultsToTheBalance() {
    Conversation c = verified("mid", "en");
    BotTurn ask = c.take(heard("promise_to_pay"));
    assertThat(ask.node()).isEqualTo("ask_promise_date");
    BotTurn done = c.take(heard("promise_to_pay", Map.of("date", "2026-11-30")));
    assertThat(done.outcome().promise())
        .isEqualTo(new Outcome.PromiseToPay(LocalDate.of(2026, 11, 30), new BigDecimal("1250.00")));
  }

  @Test
  void hardshipLeadsToAPlanWithTheMonthlyAmount() {
    // An account without the plan rules' offer (a JSON account): the generic wording, the balance
    // over the months asked.
    Conversation c = verified("late", "en");
    BotTurn offer = c.take(heard("hardship"));
    assertThat(offer.node()).isEqualTo("plan_offer");
    assertThat(offer.say()).contains("monthly payments").contains("late fees are waived");
    BotTurn done = c.take(heard("request_installments", Map.of("installments", "6")));
    assertThat(done.node()).isEqualTo("plan_confirm");
    assertThat(done.outcome().plan()).isEqualTo(new Outcome.Plan(6, new BigDecimal("208.34")));
  }

  @Test
  void verifiedOnlyAfterTheRightPartyIsConfirmed() {
    Conversation c = start("late", "en", account());
    assertThat(c.verified()).isFalse();
    c.take(heard("affirm"));
    assertThat(c.verified()).as("identity alone is not the unit check").isFalse();
    c.take(new CallerTurn.Keys("1203"));
    assertThat(c.verified()).isTrue();
  }

  @Test
  void theTrackOffersOnlyWhatThePlanRulesAllowAndSaysTheSchedule() {
    // 1250 under the shipped rules (rules/plans.yaml): 125 down, at most 6 months, as
    // AccountVariables.fromLedger adds them.
    Map<String, Object> facts = account();
    facts.putAll(
        com.duesline.payments.PlanRules.bundled().offer(new BigDecimal("1250.00")).facts());
    Conversation c = start("late", "en", facts);
    c.take(heard("affirm"));
    c.take(new CallerTurn.Keys("1203"));
    BotTurn offer = c.take(heard("hardship"));
    assertThat(offer.say()).contains("a first payment of $125.00").contains("up to 6 months");
    BotTurn done = c.take(heard("request_installments", Map.of("installments", "12")));
    assertThat(done.node()).isEqualTo("plan_confirm");
    assertThat(done.say())
        .contains("The longest plan we can offer on this balance is 6 months")
        .contains(
            "a first payment of $125.00 today, then 6 monthly payments of $187.50 starting December 25, 2026");
    assertThat(done.outcome().plan())
        .isEqualTo(new Outcome.Plan(6, new BigDecimal("187.50"), new BigDecimal("125.00")));
  }

  @Test
  void objectionIsAnsweredThenTheQuestionIsAskedAgain() {
    Conversation c = verified("mid", "en");
    BotTurn t = c.take(heard("service_complaint"));
    assertThat(t.node()).isEqualTo("pay_ask");
    assertThat(t.spoken().get(0).node()).isEqualTo("complaint_ack");
    assertThat(t.say()).contains("48 hours");
    BotTurn fee = c.take(heard("fee_dispute"));
    assertThat(fee.say()).contains("60 percent");
    assertThat(fee.node()).isEqualTo("pay_ask");
    assertThat(c.outcome().complaint().text()).isEqualTo("(test) service_complaint");
  }

  @Test
  void complianceEndingsSetHoldsAndOptOut() {
    Map<String, String> expected = Map.of("dispute_debt", "dispute", "bereavement", "bereavement");
    for (var e : expected.entrySet()) {
      BotTurn t = verified("late", "en").take(heard(e.getKey()));
      assertThat(t.ended()).isTrue();
      assertThat(t.outcome().hold()).isEqualTo(e.getValue());
    }
    Conversation a = verified("late", "zh");
    assertThat(a.take(heard("attorney")).node()).isEqualTo("attorney_ask");
    // The attorney's name and number match no intent: no reprompt, the details are noted and the
    // call ends.
    BotTurn att = a.take(heard("out_of_scope"));
    assertThat(att.node()).isEqualTo("attorney_end");
    assertThat(att.ended()).isTrue();
    assertThat(att.outcome().hold()).isEqualTo("attorney");
    assertThat(att.outcome().disposition()).isEqualTo("ATTORNEY");

    BotTurn stop = start("pre_due", "en", account()).take(new CallerTurn.Keys("9"));
    assertThat(stop.outcome().optOut()).isTrue();
    assertThat(stop.outcome().disposition()).isEqualTo("OPT_OUT");
  }

  @Test
  void abusiveGetsOneWarningThenTheCallEnds() {
    Conversation c = verified("mid", "en");
    BotTurn warn = c.take(heard("abusive"));
    assertThat(warn.node()).isEqualTo("abusive_warn");
    assertThat(warn.ended()).isFalse();
    BotTurn end = c.take(heard("abusive"));
    assertThat(end.ended()).isTrue();
    assertThat(end.outcome().disposition()).isEqualTo("ABUSIVE");

    Conversation calm = verified("mid", "en");
    calm.take(heard("abusive"));
    assertThat(calm.take(heard("affirm")).node()).isEqualTo("pay_ask");
  }

  @Test
  void silenceRepromptsAtMostTwiceThenFallsBack() {
    Conversation c = start("early", "en", account());
    BotTurn r1 = c.take(CallerTurn.silence());
    assertThat(r1.node()).isEqualTo("confirm_identity");
    assertThat(r1.spoken().get(0).promptId()).isEqualTo("confirm_identity.reprompt");
    assertThat(c.take(CallerTurn.silence()).ended()).isFalse();
    BotTurn end = c.take(CallerTurn.silence());
    assertThat(end.ended()).isTrue();
    assertThat(end.outcome().disposition()).isEqualTo("NO_RESPONSE");
  }

  @Test
  void singleMeaningfulKeyAtVerificationIsAnAnswer() {
    Conversation c = start("early", "en", account());
    c.take(heard("affirm"));
    BotTurn t = c.take(new CallerTurn.Keys("9"));
    assertThat(t.outcome().disposition()).isEqualTo("OPT_OUT");
    assertThat(t.outcome().optOut()).isTrue();
  }

  @Test
  void keypadAlternativesAndRequestHuman() {
    Conversation c = verified("mid", "en");
    BotTurn plan = c.take(new CallerTurn.Keys("3"));
    assertThat(plan.node()).isEqualTo("plan_months_ask");
    BotTurn human = c.take(new CallerTurn.Keys("0"));
    assertThat(human.ended()).isTrue();
    assertThat(human.outcome().handoff()).isTrue();
    assertThat(human.outcome().disposition()).isEqualTo("HANDOFF");
  }

  @Test
  void missingVariableSpeaksTheSafeFallbackNeverNull() {
    Map<String, Object> facts = account();
    facts.remove("due_date");
    Conversation c = start("pre_due", "en", facts);
    c.take(heard("affirm"));
    BotTurn t = c.take(new CallerTurn.Keys("1203"));
    assertThat(t.say()).doesNotContain("null").doesNotContain("{due_date}");
    assertThat(t.spoken().get(0).fallbackUsed()).isTrue();
    assertThat(t.spoken().get(0).text()).isEqualTo(LIB.catalogue().safeFallback().get("en"));
  }

  @Test
  void variantsFollowTheSplitAndStayFixedWithinACall() {
    int a = 0;
    for (long seed = 0; seed < 400; seed++) {
      Conversation c = new Conversation(LIB.track("early", "en"), LIB.catalogue(), account(), seed);
      BotTurn open = c.start();
      String v = open.spoken().get(1).variant();
      if (v.equals("A")) a++;
      List<Spoken> said = new java.util.ArrayList<>(open.spoken());
      List<Spoken> next = c.take(CallerTurn.silence()).spoken();
      assertThat(next).allSatisfy(sp -> assertThat(sp.variant()).isIn("A", "B"));
      said.addAll(next);
      assertThat(c.variants()).containsEntry("confirm_identity", v);
      // Each draw is the seed's for that prompt, whatever came before it: rendering ahead relies on
      // it.
      var track = LIB.track("early", "en");
      long drawnWith = seed;
      for (Spoken sp : said) {
        var prompt =
            track.node(sp.node()).prompts().stream()
                .filter(p -> p.id().equals(sp.promptId()))
                .findFirst();
        prompt.ifPresent(
            p ->
                assertThat(sp.variant())
                    .as("%s at seed %d", p.id(), drawnWith)
                    .isEqualTo(Conversation.drawn(p, drawnWith).name()));
      }
    }
    assertThat(a).isBetween(160, 240);
  }

  @Test
  void alreadyPaidTakesTheDetails() {
    Conversation c = verified("early", "zh");
    BotTurn ask = c.take(heard("already_paid"));
    assertThat(ask.node()).isEqualTo("paid_ask");
    BotTurn end = c.take(heard("already_paid", Map.of("date", "2026-11-20", "amount", "1250")));
    assertThat(end.outcome().disposition()).isEqualTo("PAID_CLAIMED");
    assertThat(c.variable("last_payment_date")).isEqualTo(LocalDate.of(2026, 11, 20));
  }

  @Test
  void theSameObjectionIsAnsweredTwiceThenTheQuestionCloses() {
    Conversation c = verified("early", "en");
    assertThat(c.take(heard("service_complaint")).node()).isEqualTo("pay_ask");
    assertThat(c.take(heard("service_complaint")).node()).isEqualTo("pay_ask");
    BotTurn third = c.take(heard("service_complaint"));
    assertThat(third.ended())
        .as("a third identical objection must not loop back to the question")
        .isTrue();
    assertThat(third.node()).isEqualTo(LIB.track("early", "en").node("pay_ask").fallback());
  }

  @Test
  void aTurnTakenBackLeavesNoTraceAndTheWholeAnswerIsTakenAsIfAlone() {
    Conversation c = verified("early", "en");
    Conversation fresh = verified("early", "en");
    Conversation.Checkpoint before = c.checkpoint();
    // The caller's first clause: a promise without its amount or date (the track asks for them).
    BotTurn half = c.take(heard("promise_to_pay"));
    assertThat(half.node()).isNotEqualTo("pay_ask");
    c.restore(before);
    assertThat(c.currentNode()).isEqualTo("pay_ask");
    assertThat(c.path()).isEqualTo(fresh.path());
    assertThat(c.outcome()).isEqualTo(fresh.outcome());
    // The whole answer then goes exactly as it would have alone, variants included.
    BotTurn whole =
        c.take(heard("promise_to_pay", Map.of("date", "2026-12-04", "amount", "500.00")));
    BotTurn alone =
        fresh.take(heard("promise_to_pay", Map.of("date", "2026-12-04", "amount", "500.00")));
    assertThat(whole).isEqualTo(alone);
    assertThat(c.outcome()).isEqualTo(alone.outcome());
    assertThat(c.variables()).isEqualTo(fresh.variables());
  }

  @org.junit.jupiter.api.Test
  void theDigitsOfAnAnswerInNumeralsChineseAndEnglishWords() {
    assertThat(Conversation.digitsIn("unit 1203")).isEqualTo("1203");
    assertThat(Conversation.digitsIn("一二零三")).isEqualTo("1203");
    assertThat(Conversation.digitsIn("it's twelve oh three")).isEqualTo("1203");
    assertThat(Conversation.digitsIn("B02-1203, one two zero three")).isEqualTo("0212031203");
    assertThat(Conversation.digitsIn("oh, I don't remember")).isEmpty();
  }
}
