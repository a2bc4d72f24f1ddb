package com.duesline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.intent.IntentClassifier;
import com.duesline.scripts.Problem;
import com.duesline.scripts.Story;
import com.duesline.scripts.StoryFile;
import com.duesline.scripts.TrackLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's own behaviour, with keypad and silence turns only (no classification involved). */
class StoryRunnerTest {
  static final TrackLibrary LIB = ConversationTest.LIB;
  static final IntentClassifier NOT_USED =
      (text, ctx) -> {
        throw new AssertionError("keypad-only stories must not classify");
      };
  @TempDir Path tmp;

  private List<Story> stories(String yaml, List<Problem> problems) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tracks/stories/en"));
    Files.writeString(dir.resolve("t.yaml"), yaml);
    return StoryFile.loadAll(tmp, problems);
  }

  private static final String ACCOUNT =
      """
      lang: en
      account: {first_name: Maria, last_name: Lopez, company: Harbor View, callback_number: "555 0100", unit_number: "1203",
                amount_due: "1250.00", due_date: "2026-10-15", days_overdue: "41", today: "2026-11-25"}
      stories:
      """;

  @Test
  void passingAndFailingStoriesWithDiffs() throws Exception {
    List<Problem> problems = new ArrayList<>();
    List<Story> s =
        stories(
            ACCOUNT
                + """
          - name: keypad plan
            track: mid
            turns:
              - {keys: "1", node: ask_unit}
              - {keys: "1203", node: pay_ask, says: "$1,250.00"}
              - {keys: "3", node: plan_months_ask}
              - {keys: "0", node: handoff}
            outcome: {disposition: HANDOFF, handoff: true, hold: null}
          - name: wrong expectations
            track: mid
            turns:
              - {keys: "1", node: pay_ask}
              - {keys: "9"}
            outcome: {disposition: PTP, opt_out: false}
        """,
            problems);
    assertThat(problems).isEmpty();
    StoryRunner runner = new StoryRunner(LIB, NOT_USED);
    assertThat(runner.run(s.get(0)).diffs()).isEmpty();
    StoryRunner.Result bad = runner.run(s.get(1));
    assertThat(bad.passed()).isFalse();
    assertThat(bad.diffs())
        .anySatisfy(
            d ->
                assertThat(d)
                    .matches(
                        "tracks/stories/en/t\\.yaml:\\d+: node: expected pay_ask, got ask_unit .*"));
    assertThat(bad.diffs())
        .anySatisfy(d -> assertThat(d).contains("outcome.disposition: expected PTP, got OPT_OUT"));
    assertThat(bad.diffs())
        .anySatisfy(d -> assertThat(d).contains("outcome.opt_out: expected false, got true"));
    assertThat(bad.transcript()).anySatisfy(t -> assertThat(t).startsWith("bot[optout_end]>"));
  }

  @Test
  void debtDetailBeforeVerificationFailsEveryStory() throws Exception {
    Path lib = tmp.resolve("lib");
    Path shipped = Path.of("..", "scripts-library", "library");
    try (var w = Files.walk(shipped)) {
      for (Path p : w.toList()) {
        Path t = lib.resolve(shipped.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
    // A writer slips the balance into the reprompt of the identity question (lint would also flag
    // it).
    Path common = lib.resolve("tracks/en/common.yaml");
    Files.writeString(
        common,
        Files.readString(common)
            .replace(
                "Sorry, I didn't catch that. Is this {first_name} {last_name}?",
                "Sorry, I didn't catch that. Is this {first_name} {last_name}, about {amount_due}?"));
    TrackLibrary broken = TrackLibrary.load(lib);
    List<Problem> problems = new ArrayList<>();
    Path dir = Files.createDirectories(lib.resolve("tracks/stories/en"));
    Files.writeString(
        dir.resolve("leak.yaml"),
        ACCOUNT
            + """
          - name: silence leaks
            track: early
            turns:
              - {caller: "", node: confirm_identity}
            outcome: {}
        """);
    Story story =
        StoryFile.loadAll(lib, problems).stream()
            .filter(x -> x.name().equals("silence leaks"))
            .findFirst()
            .orElseThrow();
    StoryRunner.Result r = new StoryRunner(broken, NOT_USED).run(story);
    assertThat(r.diffs())
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains(
                        "COMPLIANCE: debt detail \"$1,250.00\" spoken before verification at node confirm_identity"));
  }

  @Test
  void malformedStoryIsReportedWithItsLine() throws Exception {
    List<Problem> problems = new ArrayList<>();
    stories(
        ACCOUNT
            + """
          - name: both
            track: mid
            turns:
              - {keys: "1", caller: "yes"}
        """,
        problems);
    assertThat(problems)
        .anySatisfy(
            p -> {
              assertThat(p.line()).isEqualTo(8);
              assertThat(p.message()).contains("exactly one of 'caller'");
            });
  }
}
