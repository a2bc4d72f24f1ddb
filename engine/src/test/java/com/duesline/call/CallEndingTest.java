package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallObserver.EndReason;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.campaign.ContactResult;
import com.duesline.conversation.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a finished call is filed: the carrier's machine verdict against what the talk reached. */
class CallEndingTest {

  @Test
  void aGreetingTakenForWordsBeforeTheMachineVerdictIsAVoicemail() {
    // The machine's "...leave a message" heard as "he great time" ended the talk as bereavement
    // before AMD said machine; nobody gave the unit's digits.
    assertThat(
            CallEnding.disposition(
                "machine_end_beep", true, false, EndReason.COMPLETED, "BEREAVEMENT"))
        .isEqualTo("voicemail");
  }

  @Test
  void aVerifiedConversationStandsWhateverAmdSays() {
    // A machine cannot give the unit's digits: AMD took a person for a machine.
    assertThat(CallEnding.disposition("machine_end_beep", true, true, EndReason.COMPLETED, "PTP"))
        .isEqualTo("PTP");
  }

  @Test
  void aMachineThatEndsTheStreamMidTalkIsAVoicemail() {
    assertThat(
            CallEnding.disposition("machine_end_beep", false, true, EndReason.STREAM_DROPPED, null))
        .isEqualTo("voicemail");
  }

  @Test
  void withoutAMachineVerdictTheTalkOrTheFaultDecides() {
    assertThat(CallEnding.disposition("human", true, false, EndReason.COMPLETED, "BEREAVEMENT"))
        .isEqualTo("BEREAVEMENT");
    assertThat(CallEnding.disposition(null, true, false, EndReason.COMPLETED, null))
        .isEqualTo("completed");
    assertThat(CallEnding.disposition("human", false, false, EndReason.STREAM_DROPPED, null))
        .isEqualTo("dropped");
    assertThat(CallEnding.disposition(null, false, false, EndReason.SPEECH_FAILED, null))
        .isEqualTo("speech_failed");
  }

  @Test
  void aVoicemailKeepsTheProtectiveFactsTheTalkProduced() {
    // AMD may have mistaken a person for a machine: their "stop" and their bereavement stand.
    Outcome said = new Outcome("voicemail", null, null, true, "bereavement", false, null);
    List<TurnRecord> transcript = List.of();
    ContactResult r = CallEnding.of(7, "voicemail", said, transcript, "CA1");
    assertThat(r.optOut()).isTrue();
    assertThat(r.hold()).isEqualTo("bereavement");
    assertThat(r.outcome()).isEqualTo(com.duesline.campaign.Outcome.OPT_OUT);
    ContactResult heldOnly =
        CallEnding.of(
            8,
            "voicemail",
            new Outcome("voicemail", null, null, false, "bereavement", false, null),
            transcript,
            "CA2");
    assertThat(heldOnly.hold()).isEqualTo("bereavement");
    assertThat(heldOnly.outcome()).isEqualTo(com.duesline.campaign.Outcome.VOICEMAIL);
  }
}
