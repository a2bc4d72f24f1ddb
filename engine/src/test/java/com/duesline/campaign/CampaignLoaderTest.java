package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.policy.DataProblems;
import com.duesline.policy.LocatedYaml;
import com.duesline.policy.PolicyRules;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Bundled campaigns load; bad definitions are refused with file:line:column and the reason. */
class CampaignLoaderTest {
  static final CampaignLoader LOADER =
      new CampaignLoader(TrackCatalog.bundled(), PolicyRules.bundled());

  static CampaignDefinition parse(String yaml) {
    return LOADER.load(
        LocatedYaml.parse(
            "bad.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
  }

  static final String GOOD =
      """
      id: t
      window: {start: "09:00", end: "20:00"}
      caps:
        weekly: {channel: call, max: 3, per: 7d}
      ladder:
        - id: friendly
          days: "1..30"
          channel: ai_call
          track: early
          retry:
            no_answer: {after: 4h, max-per-day: 2}
      """;

  @Test
  void bundledCampaignsLoad() {
    for (String id : CampaignLoader.BUNDLED) {
      CampaignDefinition c = LOADER.bundled(id);
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.ladder()).isNotEmpty();
    }
    CampaignDefinition std = LOADER.bundled("standard");
    assertThat(std.ladder())
        .extracting(Rung::id)
        .containsExactly(
            "pre_due_sms",
            "friendly_sms",
            "reminder_call",
            "intensified_call",
            "service_value_call",
            "legal_call",
            "formal_letter");
    assertThat(std.rungFor(-7, 100_00).id()).isEqualTo("pre_due_sms");
    assertThat(std.rungFor(4, 100_00).id()).isEqualTo("reminder_call");
    assertThat(std.rungFor(10, 100_00).id()).isEqualTo("friendly_sms");
    assertThat(std.rungFor(20, 100_00).id()).isEqualTo("intensified_call");
    assertThat(std.rungFor(60, 100_00).id()).isEqualTo("service_value_call");
    assertThat(std.rungFor(120, 100_00).id()).isEqualTo("legal_call");
    assertThat(std.rungFor(200, 100_00).id()).isEqualTo("formal_letter");
    assertThat(std.rungFor(40, 6_000_00).id())
        .as("over 5,000 gets the letter whatever the age")
        .isEqualTo("formal_letter");
    assertThat(std.rungFor(-20, 100_00)).isNull();
  }

  @Test
  void quarterEndIsConfiguration() {
    CampaignDefinition q = LOADER.bundled("quarter-end");
    assertThat(q.active().includes(LocalDate.parse("2026-03-17"))).isTrue();
    assertThat(q.active().includes(LocalDate.parse("2026-03-16"))).isFalse();
    assertThat(q.active().includes(LocalDate.parse("2026-06-30"))).isTrue();
    assertThat(q.active().includes(LocalDate.parse("2026-07-01"))).isFalse();
    assertThat(q.active().includes(LocalDate.parse("2026-12-17"))).isTrue();
  }

  @Test
  void aGoodDefinitionLoads() {
    CampaignDefinition c = parse(GOOD);
    assertThat(c.limits().caps()).hasSize(1);
    assertThat(c.ladder().get(0).retries()).containsKey(Outcome.NO_ANSWER);
  }

  @Test
  void bestTimeIsOnUnlessTheDefinitionSaysOtherwise() {
    assertThat(parse(GOOD).bestTime()).isTrue();
    assertThat(parse(GOOD.replace("window:", "best-time: false\nwindow:")).bestTime()).isFalse();
    CampaignDefinition demo = LOADER.bundled("demo");
    assertThat(demo.bestTime()).as("the demo calls while you watch").isFalse();
    assertThat(demo.rungFor(0, 100_00).track()).isEqualTo("pre_due");
    assertThat(demo.rungFor(12, 100_00).track()).isEqualTo("early");
    assertThat(demo.rungFor(45, 100_00).track()).isEqualTo("mid");
    assertThat(demo.rungFor(400, 100_00).track()).isEqualTo("late");
    refused(
        GOOD.replace("window:", "best-time: sometimes\nwindow:"),
        "bad.yaml:2:",
        "best-time: expected true or false, got 'sometimes'");
  }

  void refused(String yaml, String... fragments) {
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(DataProblems.class)
        .satisfies(
            e -> {
              String msg = String.join("\n", ((DataProblems) e).problems());
              for (String f : fragments) assertThat(msg).contains(f);
            });
  }

  @Test
  void unknownTrackIsRefusedWithItsLine() {
    refused(
        GOOD.replace("track: early", "track: erly"),
        "bad.yaml:9:",
        "rung 'friendly': unknown track 'erly'",
        "known: [early,");
  }

  @Test
  void impossibleWindowsAreRefused() {
    refused(
        GOOD.replace("end: \"20:00\"", "end: \"08:00\""),
        "bad.yaml:2:",
        "impossible window 09:00-08:00");
    refused(
        GOOD.replace("end: \"20:00\"", "end: \"23:00\""),
        "impossible window 09:00-23:00: no jurisdiction allows contact after 22:00");
    refused(
        GOOD.replace("start: \"09:00\", end: \"20:00\"", "start: \"05:00\", end: \"07:30\""),
        "no jurisdiction allows contact before 08:00");
  }

  @Test
  void capsAndRetryLimitsOfZeroAreRefused() {
    refused(
        GOOD.replace("max: 3", "max: 0"),
        "bad.yaml:4:",
        "cap 'weekly' of 0 would never allow a contact");
    refused(
        GOOD.replace("max-per-day: 2", "max-per-day: 0"),
        "bad.yaml:11:43:",
        "max-per-day of 0 for no_answer would never retry");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String bad =
        GOOD.replace("track: early", "track: nope")
            .replace("max: 3", "max: 0")
            .replace("channel: ai_call", "channel: fax");
    refused(bad, "unknown track 'nope'", "cap 'weekly' of 0", "unknown channel 'fax'");
  }

  @Test
  void typosInFieldNamesAreRefused() {
    refused(GOOD.replace("window:", "windw:"), "bad.yaml:2:", "unknown campaign field 'windw'");
    refused(GOOD.replace("days: \"1..30\"", "days: \"30..1\""), "impossible day range '30..1'");
    refused(GOOD + "    variants: {A: 0, B: 0}\n", "variant weights add up to zero");
  }

  @Test
  void brokenYamlNamesThePosition() {
    refused("id: x\nladder: [\n", "bad.yaml:3:", "not valid YAML");
  }
}
