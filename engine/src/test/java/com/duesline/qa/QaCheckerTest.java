package com.duesline.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.duesline.conversation.SharedClassifier;
import com.duesline.qa.QaResult.Finding;
import com.duesline.qa.QaRules.Severity;
import com.duesline.qa.QaTranscript.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transcripts that break each rule, in English and Chinese, and clean ones that must pass, against
 * the shipped rules.
 */
class QaCheckerTest {
  private static final QaChecker PHRASES_ONLY = new QaChecker(QaRules.bundled(), null);

  static final String EN_GREETING =
      "bot: Hello, this is the automated assistant of Harbor View Property Management. This call is recorded, and you are speaking with an AI assistant.";
  static final String EN_VERIFY =
      "bot: May I speak with Maria Lopez, please?|caller: yes speaking|bot: Thank you. For your security, please say or key in your unit number.|caller: twelve oh three";
  static final String EN_DEBT =
      "bot: Thank you, Maria. This is an attempt to collect a debt, and any information obtained will be used for that purpose. Your management fee of $1,250.00 was due on October 15.";
  static final String EN_CLEAN =
      EN_GREETING
          + "|"
          + EN_VERIFY
          + "|"
          + EN_DEBT
          + "|bot: Could you make the payment today?|caller: I'll pay on Friday|bot: Thank you, Maria. I've noted your payment of $1,250.00 by Friday. Goodbye.";

  static final String ZH_GREETING = "bot: 您好,这里是海景物业的智能语音助理。本次通话会被录音,与您通话的是人工智能助理。";
  static final String ZH_VERIFY =
      "bot: 请问是李明本人吗?|caller: 是的,我就是|bot: 谢谢您。为了保护您的信息安全,请说出或按键输入您的房号。|caller: 一二零三";
  static final String ZH_DEBT = "bot: 谢谢您,李明。温馨提醒您:您的物业费1250元已于10月15日到期。";
  static final String ZH_CLEAN =
      ZH_GREETING
          + "|"
          + ZH_VERIFY
          + "|"
          + ZH_DEBT
          + "|bot: 您今天方便缴费吗?|caller: 我周五交|bot: 谢谢您,已为您记录。再见。";

  /**
   * rule broken, language, jurisdiction, transcript ("speaker: text" joined by |), the turn where
   * it happens.
   */
  static Stream<Arguments> breaches() {
    return Stream.of(
        Arguments.of(
            "ai_disclosure",
            "en",
            "US-CA",
            "bot: Hello, this is Harbor View Property Management. This call is recorded.|"
                + EN_VERIFY
                + "|"
                + EN_DEBT,
            0),
        Arguments.of(
            "recording_notice",
            "en",
            "US-CA",
            "bot: Hello, this is the automated assistant of Harbor View.|"
                + EN_VERIFY
                + "|"
                + EN_DEBT,
            0),
        Arguments.of(
            "identity_before_debt",
            "en",
            "US-CA",
            EN_GREETING
                + "|bot: Hi Maria, this is an attempt to collect a debt: you owe $1,250.00.",
            1),
        Arguments.of(
            "identity_before_debt",
            "en",
            "US-CA",
            EN_GREETING
                + "|bot: May I speak with Maria Lopez?|caller: yes|bot: Please say your unit number.|caller: why do you need that|"
                + EN_DEBT,
            5),
        Arguments.of(
            "debt_collector_statement",
            "en",
            "US-CA",
            EN_GREETING
                + "|"
                + EN_VERIFY
                + "|bot: Thank you, Maria. Your management fee of $1,250.00 was due on October 15.",
            5),
        Arguments.of(
            "opt_out_honoured",
            "en",
            "US-CA",
            EN_CLEAN
                .replace("caller: I'll pay on Friday", "caller: stop calling me")
                .replace(
                    "bot: Thank you, Maria. I've noted your payment of $1,250.00 by Friday. Goodbye.",
                    "bot: I just need a moment of your time."),
            8),
        Arguments.of(
            "pressing_after_stop",
            "en",
            "US-CA",
            EN_GREETING
                + "|"
                + EN_VERIFY
                + "|"
                + EN_DEBT
                + "|caller: stop calling me|bot: Understood, we won't call you again. But could you pay today?",
            7),
        Arguments.of(
            "threat",
            "en",
            "US-CA",
            EN_CLEAN + "|bot: If you don't pay, we will call the police and you could be arrested.",
            9),
        Arguments.of(
            "threat",
            "en",
            "US-CA",
            EN_CLEAN + "|bot: Keep ignoring us and we'll shut off your water.",
            9),
        Arguments.of(
            "false_legal_claim",
            "en",
            "US-CA",
            EN_CLEAN + "|bot: A lawsuit has been filed against you and we will garnish your wages.",
            9),
        Arguments.of(
            "third_party_disclosure",
            "en",
            "US-CA",
            EN_GREETING
                + "|bot: May I speak with Maria Lopez, please?|caller: no she's not here right now|bot: Please tell her this is an attempt to collect a debt: she owes $1,250.00.",
            3),
        Arguments.of(
            "public_shaming",
            "en",
            "US-CA",
            EN_CLEAN
                + "|bot: If it stays unpaid we'll post your name on the notice board in the lobby.",
            9),
        Arguments.of(
            "abusive_language", "en", "US-CA", EN_CLEAN + "|bot: Don't be stupid, just pay it.", 9),
        Arguments.of(
            "pressing_after_attorney",
            "en",
            "US-CA",
            EN_GREETING
                + "|"
                + EN_VERIFY
                + "|"
                + EN_DEBT
                + "|caller: talk to my lawyer|bot: Your balance of $1,250.00 is still due. Can you pay today?",
            7),
        Arguments.of(
            "risk_attorney",
            "en",
            "US-CA",
            EN_GREETING
                + "|"
                + EN_VERIFY
                + "|"
                + EN_DEBT
                + "|caller: my attorney will call you|bot: Thank you. We've noted that you are represented, and we won't contact you directly again. Goodbye.",
            6),
        Arguments.of(
            "risk_bankruptcy",
            "en",
            "US-CA",
            EN_CLEAN.replace("I'll pay on Friday", "I'm filing for bankruptcy"),
            7),
        Arguments.of(
            "risk_harassment",
            "en",
            "US-CA",
            EN_CLEAN.replace("I'll pay on Friday", "this is harassment"),
            7),
        Arguments.of(
            "risk_regulator",
            "en",
            "US-CA",
            EN_CLEAN.replace("I'll pay on Friday", "I will file a complaint with the CFPB"),
            7),
        Arguments.of(
            "ai_disclosure",
            "zh",
            "CN",
            "bot: 您好,这里是海景物业。本次通话会被录音。|" + ZH_VERIFY + "|" + ZH_DEBT,
            0),
        Arguments.of(
            "recording_notice",
            "zh",
            "CN",
            "bot: 您好,这里是海景物业的智能语音助理。|" + ZH_VERIFY + "|" + ZH_DEBT,
            0),
        Arguments.of(
            "identity_before_debt", "zh", "CN", ZH_GREETING + "|bot: 李先生,您的物业费已经逾期三个月了。", 1),
        Arguments.of(
            "opt_out_honoured",
            "zh",
            "CN",
            ZH_GREETING + "|" + ZH_VERIFY + "|" + ZH_DEBT + "|caller: 别再给我打电话了|bot: 可是这件事情还没处理完。",
            7),
        Arguments.of(
            "pressing_after_stop",
            "zh",
            "CN",
            ZH_GREETING
                + "|"
                + ZH_VERIFY
                + "|"
                + ZH_DEBT
                + "|caller: 别再打了|bot: 好的,不会再打扰您。但是您今天能缴费吗?",
            7),
        Arguments.of("threat", "zh", "CN", ZH_CLEAN + "|bot: 再不交就给你家停水停电。", 9),
        Arguments.of("threat", "zh", "CN", ZH_CLEAN + "|bot: 不交的话我们就报警,让派出所来处理。", 9),
        Arguments.of("false_legal_claim", "zh", "CN", ZH_CLEAN + "|bot: 我们已经起诉您了,法院会冻结你的银行卡。", 9),
        Arguments.of(
            "third_party_disclosure",
            "zh",
            "CN",
            ZH_GREETING + "|bot: 请问是李明本人吗?|caller: 他不在家|bot: 请转告他,他欠了物业费1250元。",
            3),
        Arguments.of("public_shaming", "zh", "CN", ZH_CLEAN + "|bot: 再不缴费,我们会在小区公告栏公示您的姓名。", 9),
        Arguments.of("abusive_language", "zh", "CN", ZH_CLEAN + "|bot: 你这个老赖,赶紧交钱。", 9),
        Arguments.of(
            "pressing_after_attorney",
            "zh",
            "CN",
            ZH_GREETING
                + "|"
                + ZH_VERIFY
                + "|"
                + ZH_DEBT
                + "|caller: 有事找我的律师|bot: 您的欠费1250元还是要交的,今天能缴清吗?",
            7),
        Arguments.of(
            "risk_attorney",
            "zh",
            "CN",
            ZH_GREETING
                + "|"
                + ZH_VERIFY
                + "|"
                + ZH_DEBT
                + "|caller: 我已经请了律师|bot: 谢谢您。我们已记录您委托了律师,之后不会再就此事直接联系您。再见。",
            6),
        Arguments.of("risk_bankruptcy", "zh", "CN", ZH_CLEAN.replace("我周五交", "我的公司已经破产了"), 7),
        Arguments.of("risk_harassment", "zh", "CN", ZH_CLEAN.replace("我周五交", "你们这是骚扰"), 7),
        Arguments.of("risk_regulator", "zh", "CN", ZH_CLEAN.replace("我周五交", "我要打12345投诉你们"), 7));
  }

  @ParameterizedTest(name = "{0} ({1}, {2})")
  @MethodSource("breaches")
  void eachBreachIsFoundAtItsTurn(
      String rule, String lang, String jurisdiction, String turns, int turn) {
    QaResult r = PHRASES_ONLY.check(transcript(lang, jurisdiction, turns));
    Finding f =
        r.findings().stream()
            .filter(x -> x.rule().equals(rule))
            .findFirst()
            .orElseThrow(() -> new AssertionError(rule + " not found; findings: " + r.findings()));
    assertEquals(turn, f.turn(), "turn of " + f);
    Severity expected = QaRules.bundled().rules().get(rule).severity();
    assertEquals(expected, f.severity());
    assertFalse(f.evidence().isBlank());
    if (expected == Severity.CRITICAL)
      assertFalse(r.passed(), "a critical finding fails the call: " + r);
    if (expected == Severity.MINOR)
      assertTrue(r.passed(), "a risk word alone does not fail the call: " + r);
    assertTrue(r.score() < 100 && r.score() >= 0);
  }

  @Test
  void cleanCallsPassWithoutSeriousFindings() {
    for (QaTranscript t :
        List.of(
            transcript("en", "US-CA", EN_CLEAN),
            transcript("en", "US-MA", EN_CLEAN),
            transcript("zh", "CN", ZH_CLEAN),
            transcript(
                "en",
                "CN",
                EN_CLEAN.replace(
                    "This is an attempt to collect a debt, and any information obtained will be used for that purpose. ",
                    "")))) {
      QaResult r = PHRASES_ONLY.check(t);
      assertEquals(List.of(), r.findings(), t.lang() + " " + t.jurisdiction());
      assertEquals(100, r.score());
      assertTrue(r.passed());
    }
  }

  @Test
  void aThirdPartyAndAnOptOutHandledWellPass() {
    String en =
        EN_GREETING
            + "|bot: May I speak with Maria Lopez, please?|caller: no she's not here right now"
            + "|bot: No problem. Is there a better time or number to reach Maria?|caller: after six|bot: Thank you, we'll try again then. Have a good day.";
    String enStop =
        EN_GREETING
            + "|"
            + EN_VERIFY
            + "|"
            + EN_DEBT
            + "|caller: stop calling me|bot: Understood. We won't call you again, and we'll send a text confirming it. Goodbye.";
    String zhStop =
        ZH_GREETING
            + "|"
            + ZH_VERIFY
            + "|"
            + ZH_DEBT
            + "|caller: 以后别再给我打电话了|bot: 好的,明白了。我们不会再给您打电话,稍后会发短信确认。再见。";
    for (QaTranscript t :
        List.of(
            transcript("en", "US-CA", en),
            transcript("en", "US-CA", enStop),
            transcript("zh", "CN", zhStop))) {
      QaResult r = PHRASES_ONLY.check(t);
      assertTrue(
          r.passed() && r.count(Severity.CRITICAL) == 0 && r.count(Severity.MAJOR) == 0,
          r.toString());
    }
  }

  @Test
  void theClassifierRecognisesAStopRequestNoPhraseLists() {
    String turns =
        EN_GREETING
            + "|"
            + EN_VERIFY
            + "|"
            + EN_DEBT
            + "|caller: quit calling me please|bot: Could you make the payment today?";
    QaTranscript t = transcript("en", "US-CA", turns);
    assertTrue(PHRASES_ONLY.check(t).findings().isEmpty(), "no phrase lists these words");
    QaResult withIntents = new QaChecker(QaRules.bundled(), SharedClassifier.get()).check(t);
    List<String> rules = withIntents.findings().stream().map(Finding::rule).toList();
    assertTrue(
        rules.contains("pressing_after_stop") && rules.contains("opt_out_honoured"),
        withIntents.toString());
  }

  @Test
  void aStoredIntentCountsLikeTheClassifiersDecision() {
    List<Turn> turns =
        new ArrayList<>(
            transcript("en", "US-CA", EN_GREETING + "|" + EN_VERIFY + "|" + EN_DEBT).turns());
    turns.add(new Turn("caller", "whatever you say", "attorney"));
    turns.add(new Turn("bot", "Could you make the payment today?", null));
    QaResult r = PHRASES_ONLY.check(new QaTranscript("en", "US-CA", "call", turns));
    assertTrue(
        r.findings().stream()
            .anyMatch(f -> f.rule().equals("pressing_after_attorney") && f.turn() == 7),
        r.toString());
  }

  /** "speaker: text|speaker: text" into a transcript. */
  static QaTranscript transcript(String lang, String jurisdiction, String turns) {
    List<Turn> list = new ArrayList<>();
    for (String part : turns.split("\\|")) {
      int colon = part.indexOf(':');
      list.add(new Turn(part.substring(0, colon).trim(), part.substring(colon + 1).trim(), null));
    }
    return new QaTranscript(lang, jurisdiction, "call", list);
  }
}
