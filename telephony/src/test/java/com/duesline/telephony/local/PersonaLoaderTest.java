package com.duesline.telephony.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped persona library loads and covers the domain's paths; bad files are rejected with
 * file:line.
 */
class PersonaLoaderTest {
  private static Persona parse(String yaml) {
    return PersonaLoader.load(
        "p.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shippedLibraryCoversTheDomainObjectionsAndComplianceLines() {
    List<Persona> all = PersonaLoader.loadDirectory(Path.of("../scripts-library/library/personas"));
    assertThat(all).hasSizeGreaterThanOrEqualTo(12);
    Set<String> outcomes = all.stream().map(Persona::expectedOutcome).collect(Collectors.toSet());
    assertThat(outcomes)
        .contains(
            "promise",
            "plan",
            "complaint",
            "dispute",
            "already_paid",
            "handoff",
            "opt_out",
            "attorney",
            "wrong_person",
            "voicemail",
            "no_answer",
            "busy",
            "abusive");
    Set<String> intents =
        all.stream()
            .flatMap(p -> p.replies().values().stream())
            .flatMap(List::stream)
            .map(Persona.Reply::intent)
            .filter(i -> !i.isEmpty())
            .collect(Collectors.toSet());
    assertThat(intents)
        .contains(
            "promise_to_pay",
            "hardship",
            "service_complaint",
            "fee_level",
            "vacant_unit",
            "public_income",
            "dispute",
            "already_paid",
            "request_human",
            "stop_contact",
            "attorney",
            "wrong_person",
            "abusive");
    assertThat(all).anyMatch(p -> p.bargeIn().isPresent());
    assertThat(all)
        .anyMatch(
            p ->
                p.replies().values().stream()
                    .flatMap(List::stream)
                    .anyMatch(r -> !r.dtmf().isEmpty()));
    assertThat(all).anyMatch(p -> p.smsReply().equals("STOP"));
  }

  @Test
  void repliesRepeatTheLastOneAndFallBackToDefault() {
    Persona p =
        parse(
            """
        id: x
        number: "+15550200099"
        expect: promise
        replies:
          amount_due: ["first", {say: "second", intent: promise_to_pay}]
          default: "what?"
        """);
    assertThat(p.replyTo("amount_due", 0).orElseThrow().say()).isEqualTo("first");
    assertThat(p.replyTo("amount_due", 1).orElseThrow().intent()).isEqualTo("promise_to_pay");
    assertThat(p.replyTo("amount_due", 5).orElseThrow().say()).isEqualTo("second");
    assertThat(p.replyTo("identity", 0).orElseThrow().say()).isEqualTo("what?");
  }

  @Test
  void problemsNameTheLineColumnAndField() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        id: x
        number: "5550200099"
        line: sometimes
        rings: many
        expect: promise
        colour: blue
        replies:
          identity: {dtmf: "12a"}
        """))
        .isInstanceOf(PersonaFormatException.class)
        .satisfies(
            e ->
                assertThat(((PersonaFormatException) e).problems())
                    .containsExactly(
                        "p.yaml:6:1: colour: unknown field (known: barge_in, description, expect, greeting, hang_up_after_asks, id, line, number, pause_before_reply_ms, replies, rings, sms_reply, voice, voicemail_greeting_ms)",
                        "p.yaml:2:9: number: must be E.164 like +15550200001",
                        "p.yaml:3:7: line: 'sometimes' is not one of answers, voicemail, busy, no-answer, fails",
                        "p.yaml:4:8: rings: 'many' is not a whole number",
                        "p.yaml:8:20: replies.identity.dtmf: only 0-9, * and # can be pressed"));
  }

  @Test
  void yamlSyntaxErrorsNameTheLine() {
    assertThatThrownBy(() -> parse("id: x\nreplies: [unclosed\n"))
        .isInstanceOf(PersonaFormatException.class)
        .hasMessageStartingWith("p.yaml:3:");
  }

  @Test
  void missingRequiredFieldsAreReported() {
    assertThatThrownBy(() -> parse("line: busy\n"))
        .isInstanceOf(PersonaFormatException.class)
        .satisfies(
            e ->
                assertThat(((PersonaFormatException) e).problems())
                    .containsExactly(
                        "p.yaml: id: required field is missing",
                        "p.yaml: number: required field is missing",
                        "p.yaml: expect: required field is missing"));
  }

  @Test
  void markNamesFollowTheConvention() {
    assertThat(MarkName.parse("ask:payment_date#2")).isEqualTo(new MarkName("ask", "payment_date"));
    assertThat(MarkName.parse("end:goodbye")).isEqualTo(new MarkName("end", "goodbye"));
    assertThat(MarkName.parse("prompt-17")).isEqualTo(new MarkName("say", "prompt-17"));
  }
}
