package com.duesline.handoff;

import com.duesline.call.CallCoordinator.DialRequest;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.conversation.Outcome;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one paragraph an agent reads before taking a call: who, what is owed, what was said and
 * meant.
 */
public final class HandoffSummary {
  private HandoffSummary() {}

  public static String of(DialRequest req, Outcome outcome, List<TurnRecord> transcript) {
    String intents =
        transcript.stream()
            .filter(t -> t.intent() != null)
            .map(TurnRecord::intent)
            .distinct()
            .collect(Collectors.joining(", "));
    String lastCaller =
        transcript.stream()
            .filter(t -> t.speaker().equals("caller"))
            .reduce((a, b) -> b)
            .map(TurnRecord::text)
            .orElse("(nothing)");
    StringBuilder sb = new StringBuilder();
    sb.append("Unit ")
        .append(req.facts().getOrDefault("unit", "?"))
        .append(", ")
        .append(req.facts().getOrDefault("first_name", "the owner"))
        .append(", owes ")
        .append(req.facts().getOrDefault("amount_due", "?"))
        .append(" (")
        .append(req.facts().getOrDefault("days_overdue", "?"))
        .append(" days overdue), track ")
        .append(req.track().id())
        .append(". Caller intents: ")
        .append(intents.isEmpty() ? "none recognised" : intents)
        .append(". Last words: \"")
        .append(lastCaller)
        .append("\".");
    if (outcome.promise() != null)
      sb.append(" Promised ")
          .append(outcome.promise().amount())
          .append(" by ")
          .append(outcome.promise().date())
          .append('.');
    if (outcome.complaint() != null)
      sb.append(" Complaint: ").append(outcome.complaint().text()).append('.');
    return sb.toString();
  }
}
