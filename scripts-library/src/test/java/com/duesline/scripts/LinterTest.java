package com.duesline.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinterTest {
  @TempDir Path tmp;

  private List<Problem> lint(Path root) {
    return Linter.lint(TrackLibrary.load(root));
  }

  private static List<Problem> errors(List<Problem> ps) {
    return ps.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
  }

  @Test
  void shippedLibraryIsCleanAndComplete() {
    TrackLibrary lib = TrackLibrary.load(LibraryCopy.SHIPPED);
    assertThat(Linter.lint(lib)).isEmpty();
    for (String id :
        List.of("pre_due", "early", "mid", "late", "promise_followup", "plan_checkin")) {
      for (String lang : TrackLibrary.LANGS)
        assertThat(lib.tracks()).containsKey(TrackLibrary.key(id, lang));
    }
    assertThat(lib.sms("en").texts())
        .containsKeys(
            "reminder_early",
            "payment_link",
            "promise_confirmation",
            "plan_confirmation",
            "optout_confirmation",
            "help");
    assertThat(lib.voicemail("zh").texts()).isNotEmpty();
  }

  @Test
  void yamlSyntaxErrorNamesFileAndLine() {
    Path root = LibraryCopy.of(tmp);
    int line = LibraryCopy.lineOf(root, "tracks/en/early.yaml", "next: pay_ask");
    LibraryCopy.edit(root, "tracks/en/early.yaml", "    next: pay_ask\n", "    next: [pay_ask\n");
    List<Problem> ps = errors(lint(root));
    assertThat(ps)
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo(Path.of("tracks/en/early.yaml").toString());
              assertThat(p.message()).startsWith("YAML syntax");
              assertThat(p.line()).isBetween(line, line + 2);
            });
  }

  @Test
  void unknownKeyAndMissingFieldAreReportedAtTheirLine() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(root, "tracks/en/mid.yaml", "    next: pay_ask\n", "    nxt: pay_ask\n");
    int line = LibraryCopy.lineOf(root, "tracks/en/mid.yaml", "nxt: pay_ask");
    List<Problem> ps = errors(lint(root));
    assertThat(ps)
        .anySatisfy(
            p -> {
              assertThat(p.message()).contains("unknown key 'nxt'");
              assertThat(p.line()).isEqualTo(line);
              assertThat(p.column()).isEqualTo(5);
            });
    assertThat(ps)
        .anySatisfy(
            p -> assertThat(p.message()).contains("node 'verified': a say node needs 'next'"));
  }

  @Test
  void unknownVariableAndIntent() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root,
        "tracks/en/pre_due.yaml",
        "Will you be able to pay by then?",
        "Will you pay by {due_dat}?");
    LibraryCopy.edit(
        root,
        "tracks/en/pre_due.yaml",
        "      deny: pre_due_difficulty",
        "      deny: pre_due_difficulty\n      maybe_later: reminded_end");
    List<Problem> ps = errors(lint(root));
    assertThat(ps).anySatisfy(p -> assertThat(p.message()).contains("unknown variable {due_dat}"));
    assertThat(ps)
        .anySatisfy(p -> assertThat(p.message()).contains("unknown intent 'maybe_later'"));
  }

  @Test
  void unansweredIntentAtAQuestion() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root,
        "tracks/en/early.yaml",
        "    use: verified\n    say: \"Could you make the payment today?\"",
        "    say: \"Could you make the payment today?\"");
    assertThat(errors(lint(root)))
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "node 'pay_ask': no answer for intent 'stop_contact' at this question"));
  }

  @Test
  void debtDetailBeforeVerificationIsAnError() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root,
        "tracks/en/common.yaml",
        "May I speak with the account holder, please?",
        "May I speak with the account holder about {amount_due}?");
    LibraryCopy.edit(
        root,
        "tracks/en/common.yaml",
        "- {name: A, weight: 50, text: \"May I speak with {first_name} {last_name}, please?\"}",
        "- {name: A, weight: 50, text: \"May I speak with {first_name} about {amount_due}?\"}");
    assertThat(errors(lint(root)))
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .isEqualTo(
                        "node 'confirm_identity' speaks {amount_due} but can be reached without right-party verification"));
  }

  @Test
  void missingDisclosureIsAnError() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(root, "tracks/zh/common.yaml", "    disclosure: true\n", "");
    assertThat(errors(lint(root)))
        .anySatisfy(
            p -> assertThat(p.message()).contains("no node gives the AI/recording disclosure"));
  }

  @Test
  void unreachableNodeAndDeadEnd() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root, "tracks/en/late.yaml", "      deny: late_last_offer", "      deny: refused_end");
    List<Problem> ps = errors(lint(root));
    assertThat(ps)
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .isEqualTo("node 'late_last_offer' is unreachable from start 'greeting'"));

    Path root2 = LibraryCopy.of(tmp.resolve("second"));
    LibraryCopy.edit(
        root2,
        "tracks/en/pre_due.yaml",
        "    next: promise_check\n",
        "    next: pay_on_due_loop\n  pay_on_due_loop:\n    type: set\n    set: {promise_date: \"{due_date}\"}\n    next: pay_on_due\n");
    assertThat(errors(lint(root2)))
        .anySatisfy(p -> assertThat(p.message()).contains("is a dead end"));
  }

  @Test
  void negativeWordingIsAWarning() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root,
        "tracks/en/mid.yaml",
        "Could you settle it this week?\"}",
        "You must settle it this week.\"}");
    LibraryCopy.edit(root, "tracks/zh/mid.yaml", "请问这周内方便缴清吗?", "您必须这周内缴清。");
    List<Problem> ps = lint(root);
    assertThat(errors(ps)).isEmpty();
    assertThat(ps)
        .anySatisfy(
            p -> {
              assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
              assertThat(p.message()).contains("\"you must\"");
            });
    assertThat(ps).anySatisfy(p -> assertThat(p.message()).contains("\"必须\""));
  }

  @Test
  void englishAndChineseOutOfStep() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root, "tracks/zh/early.yaml", "      deny: early_reason", "      deny: plan_offer");
    assertThat(errors(lint(root)))
        .anySatisfy(p -> assertThat(p.message()).startsWith("node 'pay_ask' has transitions"));
  }

  @Test
  void voicemailMayNotCarryDebtDetail() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root,
        "voicemail/en.yaml",
        "Please call us back at {callback_number}.",
        "You owe {amount_due}. Please call us back at {callback_number}.");
    assertThat(errors(lint(root)))
        .anySatisfy(
            p -> {
              assertThat(p.message()).contains("voicemail 'default' says {amount_due}");
              assertThat(p.line())
                  .isEqualTo(LibraryCopy.lineOf(root, "voicemail/en.yaml", "  default:"));
            });
  }
}
