package com.duesline.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The policy's answer for one contact: allowed or not, the blocking reason codes and every rule's
 * verdict.
 */
public record PolicyDecision(boolean allowed, List<ReasonCode> reasons, List<RuleVerdict> rules) {

  static PolicyDecision of(List<RuleVerdict> rules) {
    Set<ReasonCode> reasons = new LinkedHashSet<>();
    for (RuleVerdict v : rules) if (v.blocks()) reasons.add(v.reason());
    return new PolicyDecision(reasons.isEmpty(), List.copyOf(reasons), List.copyOf(rules));
  }

  /**
   * The earliest instant worth asking again: the latest {@code liftsAt} of the blocking rules seen,
   * or null when a block does not lift with time (or nothing blocks). A decision that stopped at
   * its first block may find another rule blocking at that instant; ask again then.
   */
  public java.time.Instant liftsAt() {
    java.time.Instant latest = null;
    for (RuleVerdict v : rules) {
      if (!v.blocks()) continue;
      if (v.liftsAt() == null) return null;
      if (latest == null || v.liftsAt().isAfter(latest)) latest = v.liftsAt();
    }
    return latest;
  }

  /** {@code {"allowed": bool, "reasons": [codes], "rules": [{"rule","verdict","detail"}]}}. */
  public String toJson() {
    StringBuilder sb =
        new StringBuilder("{\"allowed\": ").append(allowed).append(", \"reasons\": [");
    List<String> codes = new ArrayList<>();
    for (ReasonCode r : reasons) codes.add(quote(r.name()));
    sb.append(String.join(", ", codes)).append("], \"rules\": [");
    for (int i = 0; i < rules.size(); i++) {
      RuleVerdict v = rules.get(i);
      if (i > 0) sb.append(", ");
      sb.append("{\"rule\": ")
          .append(quote(v.rule()))
          .append(", \"verdict\": ")
          .append(quote(v.verdict()))
          .append(", \"detail\": ")
          .append(quote(v.detail()))
          .append('}');
    }
    return sb.append("]}").toString();
  }

  /** A table for people: one line per rule. */
  public String toText() {
    StringBuilder sb = new StringBuilder(allowed ? "ALLOWED" : "BLOCKED " + reasons).append('\n');
    for (RuleVerdict v : rules) {
      sb.append(String.format("  %-6s %-40s %s%n", v.verdict(), v.rule(), v.detail()));
    }
    return sb.toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }
}
