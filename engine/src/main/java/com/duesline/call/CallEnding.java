package com.duesline.call;

import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.campaign.ContactResult;
import com.duesline.campaign.Disposition;
import com.duesline.campaign.Outcome;
import java.util.List;

/** What a finished call amounts to for the account: its disposition parsed once, here, at the call's edge. */
final class CallEnding {
  private CallEnding() {}

  /**
   * The contact result of a call that ended with {@code disposition} (the track's code, or the runtime's
   * or carrier's word) and the conversation's outcome; the caller's last words go along as evidence
   * for opt-outs and holds ("said in attempt N: ...").
   */
  static ContactResult of(long attemptId, String disposition, com.duesline.conversation.Outcome o, List<TurnRecord> transcript, String callSid) {
    Disposition d = Disposition.parse(disposition == null ? "completed" : disposition);
    Outcome outcome = d.outcome(o.optOut(), o.hold());
    String words = transcript.stream().filter(t -> t.speaker().equals("caller")).reduce((x, y) -> y)
        .map(t -> "\"" + t.text().replace("\"", "'") + "\"").orElse("(no words captured)");
    boolean promise = outcome == Outcome.PROMISE && o.promise() != null;
    return new ContactResult(d, outcome, callSid, promise ? o.promise().date() : null, promise ? o.promise().amount() : null,
        "said in attempt " + attemptId + ": " + words);
  }
}
