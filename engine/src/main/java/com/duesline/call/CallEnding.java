package com.duesline.call;

import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.campaign.ContactResult;
import com.duesline.campaign.Disposition;
import com.duesline.campaign.Outcome;
import java.util.List;

/**
 * What a finished call amounts to for the account: its disposition parsed once, here, at the call's
 * edge.
 */
final class CallEnding {
  /**
   * Holds a conversation can put that stop collection; a payment check is a ticket's hold, written
   * with the ticket.
   */
  private static final java.util.Set<String> HOLDS =
      java.util.Set.of("dispute", "attorney", "bereavement");

  private CallEnding() {}

  /**
   * Whether the carrier's answering-machine verdict ({@code AnsweredBy}, lower case) is a machine.
   */
  static boolean machine(String amd) {
    return amd != null && amd.startsWith("machine");
  }

  /**
   * How a call that ended for {@code reason} is filed, given the carrier's answering-machine
   * verdict ({@code amd}, null when none came) and what its conversation reached.
   *
   * <p>A machine's greeting makes no contact: the carrier plays the voicemail and the stream ends.
   * A conversation that reached an end before the verdict was held with the greeting unless someone
   * passed verification (a machine cannot give the unit's digits), so it is a voicemail too. Its
   * protective facts (an opt-out, a hold) still go along with the result ({@link #of}): AMD also
   * mistakes people for machines, and a person's "stop calling" or "he passed away" is never
   * dropped.
   *
   * @param conversationDisposition the end node's code, or null when the track gave none
   */
  static String disposition(
      String amd,
      boolean conversationEnded,
      boolean verified,
      CallObserver.EndReason reason,
      String conversationDisposition) {
    if (machine(amd) && (!conversationEnded || !verified)) return "voicemail";
    if (!conversationEnded && reason == CallObserver.EndReason.SPEECH_FAILED)
      return "speech_failed";
    if (!conversationEnded && reason == CallObserver.EndReason.STREAM_DROPPED) return "dropped";
    return conversationDisposition == null ? "completed" : conversationDisposition;
  }

  /**
   * The contact result of a call that ended with {@code disposition} (the track's code, or the
   * runtime's or carrier's word) and the conversation's outcome; the caller's last words go along
   * as evidence for opt-outs and holds ("said in attempt N: ..."). Every fact the conversation
   * produced goes along (a promise, an opt-out, a hold), whichever single outcome the campaign
   * files the call under.
   */
  static ContactResult of(
      long attemptId,
      String disposition,
      com.duesline.conversation.Outcome o,
      List<TurnRecord> transcript,
      String callSid) {
    Disposition d = Disposition.parse(disposition == null ? "completed" : disposition);
    Outcome outcome = d.outcome(o.optOut(), o.hold());
    String words =
        transcript.stream()
            .filter(t -> t.speaker().equals("caller"))
            .reduce((x, y) -> y)
            .map(t -> "\"" + t.text().replace("\"", "'") + "\"")
            .orElse("(no words captured)");
    boolean promise =
        o.promise() != null && o.promise().amount() != null && o.promise().date() != null;
    String hold = o.hold() != null && HOLDS.contains(o.hold()) ? o.hold() : null;
    return new ContactResult(
        d,
        outcome,
        callSid,
        promise ? o.promise().date() : null,
        promise ? o.promise().amount() : null,
        "said in attempt " + attemptId + ": " + words,
        o.optOut(),
        hold);
  }
}
