package com.duesline.qa;

import com.duesline.intent.IntentClassifier;
import com.duesline.intent.MatchContext;
import com.duesline.qa.QaResult.Finding;
import com.duesline.qa.QaRules.Marker;
import com.duesline.qa.QaRules.Phrases;
import com.duesline.qa.QaRules.Rule;
import com.duesline.qa.QaRules.Severity;
import com.duesline.qa.QaTranscript.Turn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores one call against the QA rules. It walks the turns once, keeping what a listener would know
 * at each moment (has the right party been verified, did the caller ask us to stop, name an
 * attorney, say they are someone else), and records each breach at the turn where it happened.
 * Caller turns without a stored intent are classified with the intent classifier, so "please don't
 * ring me any more" counts as a stop request even where no phrase lists it. Pure CPU: thread-safe.
 */
public final class QaChecker {
  private static final int EVIDENCE_CHARS = 200;
  private final QaRules rules;
  private final IntentClassifier classifier;

  /**
   * @param classifier decides caller turns that carry no intent; null to rely on phrases alone
   */
  public QaChecker(QaRules rules, IntentClassifier classifier) {
    this.rules = rules;
    this.classifier = classifier;
  }

  public QaRules rules() {
    return rules;
  }

  /**
   * The score and findings of one transcript; an unknown language is refused
   * (IllegalArgumentException).
   */
  public QaResult check(QaTranscript t) {
    Phrases ph = rules.phrases(t.lang());
    Walk w = new Walk(t, ph);
    w.openingDisclosures();
    for (int i = 0; i < t.turns().size(); i++) {
      Turn turn = t.turns().get(i);
      if (turn.text() == null || turn.text().isBlank()) continue;
      if (turn.ours()) w.ours(i, turn);
      else w.caller(i, turn, intentOf(turn, t.lang()));
    }
    if (w.awaitingAck != null)
      w.add(
          "opt_out_honoured",
          w.awaitingAck,
          "the caller asked us to stop and the call ended without our confirming it");
    int score = 100;
    for (Finding f : w.findings) score -= rules.deductions().get(f.severity());
    score = Math.max(0, score);
    boolean passed =
        w.findings.stream().noneMatch(f -> f.severity() == Severity.CRITICAL)
            && score >= rules.passScore();
    return new QaResult(score, passed, w.findings);
  }

  private String intentOf(Turn turn, String lang) {
    if (turn.intent() != null) return turn.intent();
    if (classifier == null || turn.text().isBlank()) return null;
    try {
      return classifier.classify(turn.text(), MatchContext.open(lang, LocalDate.now())).intent();
    } catch (IllegalArgumentException unknownLanguage) {
      return null;
    }
  }

  /** What a listener knows so far, and the findings. */
  private final class Walk {
    final QaTranscript t;
    final Phrases ph;
    final List<Finding> findings = new ArrayList<>();
    final Set<String> once = new HashSet<>();
    boolean identityConfirmed;
    boolean unitAsked;
    boolean unitGiven;
    boolean verificationFailed;
    boolean thirdParty;
    boolean collectorStated;
    boolean debtMentioned;
    String lastQuestion;
    Integer stopAt;
    Integer attorneyAt;
    Integer awaitingAck;

    Walk(QaTranscript t, Phrases ph) {
      this.t = t;
      this.ph = ph;
    }

    /** AI disclosure and the recording notice belong in the opening: our first two turns. */
    void openingDisclosures() {
      opening(
          "ai_disclosure",
          "ai_disclosure",
          "never said it is an AI (automated) assistant in its first two turns");
      opening(
          "recording_notice",
          "recording_notice",
          "never said the call is recorded in its first two turns");
    }

    private void opening(String ruleId, String marker, String missing) {
      Rule rule = rule(ruleId);
      if (rule == null) return;
      List<Integer> ours = new ArrayList<>();
      for (int i = 0; i < t.turns().size(); i++) {
        Turn turn = t.turns().get(i);
        if (turn.ours() && rule.speakers().contains(turn.speaker()) && !turn.text().isBlank())
          ours.add(i);
      }
      if (ours.isEmpty()) return;
      for (int k = 0; k < Math.min(2, ours.size()); k++) {
        if (ph.ours().get(marker).find(t.turns().get(ours.get(k)).text()) != null) return;
      }
      String who = t.turns().get(ours.get(0)).speaker();
      add(
          ruleId,
          ours.get(0),
          "the " + who + " " + missing + ": \"" + clip(t.turns().get(ours.get(0)).text()) + "\"");
    }

    void ours(int i, Turn turn) {
      String text = turn.text();
      if (awaitingAck != null) {
        if (find("opt_out_ack", text) == null)
          add(
              "opt_out_honoured",
              i,
              "after the stop request in turn " + awaitingAck + " we said: \"" + clip(text) + "\"");
        awaitingAck = null;
      }
      // Until the debt comes up, the opening is still verifying: questions and failures count.
      if (!debtMentioned) {
        if (find("verification_failed", text) != null) verificationFailed = true;
        if (find("identity_question", text) != null) lastQuestion = "identity";
        if (find("unit_question", text) != null) {
          lastQuestion = "unit";
          unitAsked = true;
        }
      }
      if (find("debt_collector_statement", text) != null) collectorStated = true;
      String debt = find("debt_mention", text);
      String ask = find("payment_ask", text);
      String pressing = debt != null ? debt : ask;
      if (pressing != null && stopAt != null)
        addOnce(
            "pressing_after_stop",
            i,
            "the caller asked us to stop in turn " + stopAt + ", then: \"" + clip(text) + "\"");
      if (pressing != null && attorneyAt != null)
        addOnce(
            "pressing_after_attorney",
            i,
            "the caller named an attorney in turn "
                + attorneyAt
                + ", then: \""
                + clip(text)
                + "\"");
      if (debt != null) {
        if (thirdParty) {
          addOnce(
              "third_party_disclosure",
              i,
              "the debt (\""
                  + debt
                  + "\") was mentioned to someone who said they are not the account holder: \""
                  + clip(text)
                  + "\"");
        } else if (!verified() && !debtMentioned) {
          add(
              "identity_before_debt",
              i,
              "\""
                  + debt
                  + "\" mentioned before the right party was verified"
                  + (unitAsked && !unitGiven ? " (the unit was asked for and not given)" : "")
                  + ": \""
                  + clip(text)
                  + "\"");
        }
        if (!debtMentioned && !collectorStated) {
          Rule r = rule("debt_collector_statement");
          if (r != null && r.appliesIn(t.jurisdiction())) {
            add(
                "debt_collector_statement",
                i,
                "the debt was first mentioned without the statement that this is an attempt to collect a debt ("
                    + t.jurisdiction()
                    + "): \""
                    + clip(text)
                    + "\"");
          }
        }
        debtMentioned = true;
      }
      prohibited("threat", "threat", i, text);
      prohibited("false_legal_claim", "false_legal_claim", i, text);
      prohibited("public_shaming", "public_shaming", i, text);
      prohibited("abusive_language", "abusive", i, text);
    }

    void caller(int i, Turn turn, String intent) {
      String text = turn.text();
      if (!verified()) {
        boolean notParty = callerSays("not_party", text, intent);
        if ("identity".equals(lastQuestion)) {
          if (notParty || callerSays("denial", text, intent)) {
            thirdParty = true;
          } else if (callerSays("affirm", text, intent)) {
            identityConfirmed = true;
            thirdParty = false;
          }
        } else if ("unit".equals(lastQuestion) && callerSays("unit_answer", text, null)) {
          unitGiven = true;
        }
        if (notParty) thirdParty = true;
      }
      if (callerSays("stop_request", text, intent) && stopAt == null) {
        stopAt = i;
        awaitingAck = i;
      }
      if (callerSays("attorney", text, intent)) {
        if (attorneyAt == null) attorneyAt = i;
        risk("risk_attorney", "attorney", i, text, intent);
      }
      risk("risk_bankruptcy", "bankruptcy", i, text, intent);
      risk("risk_harassment", "harassment", i, text, intent);
      risk("risk_regulator", "regulator", i, text, intent);
    }

    boolean verified() {
      return identityConfirmed && (!unitAsked || unitGiven) && !verificationFailed && !thirdParty;
    }

    private boolean callerSays(String marker, String text, String intent) {
      Marker m = ph.caller().get(marker);
      return (intent != null && m.intents().contains(intent)) || m.find(text) != null;
    }

    private void risk(String ruleId, String marker, int i, String text, String intent) {
      if (!callerSays(marker, text, intent)) return;
      String words = ph.caller().get(marker).find(text);
      add(
          ruleId,
          i,
          "the caller: \"" + clip(text) + "\"" + (words == null ? " (intent " + intent + ")" : ""));
    }

    private void prohibited(String ruleId, String marker, int i, String text) {
      String found = find(marker, text);
      if (found != null) add(ruleId, i, "\"" + found + "\" in: \"" + clip(text) + "\"");
    }

    String find(String marker, String text) {
      return ph.ours().get(marker).find(text);
    }

    private Rule rule(String id) {
      Rule r = rules.rules().get(id);
      return r == null || !r.appliesIn(t.jurisdiction()) ? null : r;
    }

    void add(String ruleId, Integer turn, String evidence) {
      Rule r = rule(ruleId);
      if (r == null) return;
      if (r.kind() != QaRules.Kind.RISK
          && turn != null
          && !r.speakers().contains(t.turns().get(turn).speaker())
          && t.turns().get(turn).ours()) {
        return;
      }
      findings.add(new Finding(ruleId, r.severity(), turn, evidence));
    }

    private void addOnce(String ruleId, int turn, String evidence) {
      if (once.add(ruleId)) add(ruleId, turn, evidence);
    }
  }

  private static String clip(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= EVIDENCE_CHARS ? one : one.substring(0, EVIDENCE_CHARS - 1) + "…";
  }
}
