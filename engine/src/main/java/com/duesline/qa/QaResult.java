package com.duesline.qa;

import com.duesline.qa.QaRules.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A call's QA verdict: its score (0–100), whether it passes, and every finding. */
public record QaResult(int score, boolean passed, List<Finding> findings) {
  public QaResult {
    findings = List.copyOf(findings);
  }

  /**
   * One finding: the rule, how serious, the turn (index in the transcript, or null for the call as
   * a whole), and the words.
   */
  public record Finding(String rule, Severity severity, Integer turn, String evidence) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("rule", rule)
          .put("severity", severity.label())
          .put("turn", turn)
          .put("evidence", evidence);
    }

    public static Finding fromJson(JsonObject o) {
      return new Finding(
          o.getString("rule"),
          Severity.valueOf(o.getString("severity").toUpperCase()),
          o.getInteger("turn"),
          o.getString("evidence"));
    }
  }

  /** The number of findings of a severity. */
  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  /** The {@code qa check} output: {@code {"score", "passed", "findings": [...]}}. */
  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    findings.forEach(f -> list.add(f.toJson()));
    return new JsonObject().put("score", score).put("passed", passed).put("findings", list);
  }

  /** The findings as stored (a JSON array). */
  public JsonArray findingsJson() {
    return toJson().getJsonArray("findings");
  }
}
