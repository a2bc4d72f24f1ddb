package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.TrackLibrary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The disposition → campaign outcome map, as a table: every spelling an edge reports (the talk
 * tracks' codes, the runtime's and carrier's words, an agent's wrap-up, other channels) and the
 * outcome the planner's retry rules and the policy's caps will see.
 */
class DispositionTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // the talk tracks' codes
    "PTP, PROMISE",
    "PLAN, CONVERSATION",
    "PAID_CLAIMED, CONVERSATION",
    "REMINDED, CONVERSATION",
    "CALLBACK, CONVERSATION",
    "WRONG_PARTY, WRONG_NUMBER",
    "THIRD_PARTY, NO_ANSWER",
    "VERIFY_FAILED, NO_ANSWER",
    "NO_RESPONSE, NO_ANSWER",
    "OPT_OUT, OPT_OUT",
    "ATTORNEY, ATTORNEY",
    "DISPUTE, DISPUTE",
    "BEREAVEMENT, BEREAVEMENT",
    "ABUSIVE, REFUSED",
    "HANDOFF, HANDOFF",
    "COMPLAINT, CONVERSATION",
    "REFUSED, REFUSED",
    // the call runtime's and the carrier's
    "completed, CONVERSATION",
    "voicemail, VOICEMAIL",
    "busy, BUSY",
    "no_answer, NO_ANSWER",
    "canceled, NO_ANSWER",
    "failed, CARRIER_ERROR",
    "dropped, CARRIER_ERROR",
    "speech_failed, NO_ANSWER",
    "carrier_error, CARRIER_ERROR",
    // an agent's wrap-up (AgentRoutes) and rows written before the one vocabulary
    "promise, PROMISE",
    "plan, CONVERSATION",
    "paid, CONVERSATION",
    "dispute, DISPUTE",
    "callback, CONVERSATION",
    "refused, REFUSED",
    "wrong_number, WRONG_NUMBER",
    "other, CONVERSATION",
    "conversation, CONVERSATION",
    // other channels
    "delivered, DELIVERED",
    "exported, EXPORTED"
  })
  void everySpellingHasOneOutcome(String spelling, Outcome expected) {
    assertThat(Disposition.parse(spelling).outcome()).isEqualTo(expected);
  }

  @Test
  void speechFailedIsRetriedLikeAnUnansweredCall() {
    // docs/live-calls.md, "Faults": the caller heard only the fault message.
    assertThat(Disposition.SPEECH_FAILED.outcome().retryable()).isTrue();
    assertThat(Disposition.SPEECH_FAILED.outcome().conversation()).isFalse();
  }

  @Test
  void everyCatalogueCodeAndEveryAgentWordParses() {
    Path library = LibraryLocation.resolve(Path.of("..", "scripts-library", "library"));
    Map<String, String> codes = TrackLibrary.load(library).catalogue().dispositions();
    assertThat(codes).isNotEmpty();
    for (String code : codes.keySet()) assertThat(Disposition.parse(code).code()).isEqualTo(code);
    for (String word : com.duesline.handoff.AgentRoutesAccess.dispositions())
      assertThat(Disposition.find(word)).as(word).isPresent();
  }

  @Test
  void everyOutcomeHasAChannelDispositionThatMapsBack() {
    for (Outcome o : Outcome.values())
      assertThat(Disposition.of(o).outcome()).as(o.name()).isEqualTo(o);
  }

  @Test
  void storedCodesAreUniqueAndParseToThemselves() {
    assertThat(Arrays.stream(Disposition.values()).map(d -> d.code().toLowerCase()).distinct())
        .hasSize(Disposition.values().length);
    for (Disposition d : Disposition.values()) assertThat(Disposition.parse(d.code())).isEqualTo(d);
  }

  @Test
  void anUnknownSpellingIsRefusedByName() {
    assertThatThrownBy(() -> Disposition.parse("maybe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("disposition: unknown 'maybe'")
        .hasMessageContaining("PTP");
    assertThat(Disposition.find("maybe")).isEmpty();
  }

  @Test
  void anOptOutOrAHoldOutranksHowTheTalkEnded() {
    assertThat(Disposition.REFUSED.outcome(true, null)).isEqualTo(Outcome.OPT_OUT);
    assertThat(Disposition.THIRD_PARTY.outcome(true, null)).isEqualTo(Outcome.OPT_OUT);
    assertThat(Disposition.REMINDED.outcome(false, "dispute")).isEqualTo(Outcome.DISPUTE);
    assertThat(Disposition.REFUSED.outcome(false, "attorney")).isEqualTo(Outcome.ATTORNEY);
    // A hold does not turn a call that reached no one into a conversation.
    assertThat(Disposition.VOICEMAIL.outcome(false, "dispute")).isEqualTo(Outcome.VOICEMAIL);
    // A payment check is a ticket's hold, not a campaign outcome.
    assertThat(Disposition.PAID_CLAIMED.outcome(false, "payment_check"))
        .isEqualTo(Outcome.CONVERSATION);
  }

  @Test
  void dashboardSetsCoverEverySpellingOfTheirOutcomes() {
    Set<String> conversation = Set.of(Disposition.spellings(Outcome::conversation));
    assertThat(conversation)
        .contains("PTP", "promise", "REFUSED", "ABUSIVE", "completed", "conversation", "HANDOFF")
        .doesNotContain("THIRD_PARTY", "speech_failed", "voicemail");
    Set<String> retry = Set.of(Disposition.spellings(Outcome::retryable));
    assertThat(retry)
        .contains(
            "no_answer",
            "busy",
            "voicemail",
            "canceled",
            "speech_failed",
            "dropped",
            "failed",
            "carrier_error");
    assertThat(
            EnumSet.allOf(Outcome.class).stream()
                .filter(o -> Disposition.spellings(x -> x == o).length == 0))
        .isEmpty();
  }
}
