package com.duesline.policy;

/**
 * One rule's verdict on one contact.
 *
 * @param rule the rule's id, e.g. "calling_window[America/New_York]" or "cap.call-7d"
 * @param verdict "pass", "block" or "n/a"
 * @param detail what was checked, in words a supervisor reads
 * @param reason the code when the verdict is "block", otherwise null
 * @param liftsAt for a block that time lifts (window, meal, calendar day, caps, promise): the
 *     earliest instant this rule could pass; null when only a person or a payment can lift it
 */
public record RuleVerdict(
    String rule, String verdict, String detail, ReasonCode reason, java.time.Instant liftsAt) {
  static RuleVerdict pass(String rule, String detail) {
    return new RuleVerdict(rule, "pass", detail, null, null);
  }

  static RuleVerdict notApplicable(String rule, String detail) {
    return new RuleVerdict(rule, "n/a", detail, null, null);
  }

  static RuleVerdict block(String rule, ReasonCode reason, String detail) {
    return new RuleVerdict(rule, "block", detail, reason, null);
  }

  static RuleVerdict block(
      String rule, ReasonCode reason, String detail, java.time.Instant liftsAt) {
    return new RuleVerdict(rule, "block", detail, reason, liftsAt);
  }

  public boolean blocks() {
    return reason != null;
  }
}
