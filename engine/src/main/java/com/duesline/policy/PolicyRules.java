package com.duesline.policy;

import java.util.Map;

/** The loaded contact rules: jurisdictions by id and the promise grace period. */
public record PolicyRules(Map<String, Jurisdiction> jurisdictions, int promiseGraceDays) {
  /** The grace after a promise's date when the policy file does not say: one day to pay late. */
  public static final int DEFAULT_PROMISE_GRACE_DAYS = 1;

  /** The rules for {@code id}: exact ("US-MA"), else its country ("US"), else "default". */
  public Jurisdiction jurisdiction(String id) {
    if (id != null) {
      Jurisdiction j = jurisdictions.get(id);
      if (j != null) return j;
      int dash = id.indexOf('-');
      if (dash > 0) {
        j = jurisdictions.get(id.substring(0, dash));
        if (j != null) return j;
      }
    }
    return jurisdictions.get("default");
  }

  /** The rules shipped in the scripts library ({@code library/policy/contact-policy.yaml}). */
  public static PolicyRules bundled() {
    return PolicyRulesLoader.load(PolicyRulesLoader.BUNDLED, PolicyRulesLoader::classpathCalendar);
  }
}
