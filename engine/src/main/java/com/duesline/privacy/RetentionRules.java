package com.duesline.privacy;

import com.duesline.policy.LocatedYaml;
import java.util.HashMap;
import java.util.Map;

/**
 * How long recordings and transcripts are kept, by jurisdiction ({@code
 * library/policy/retention.yaml}): the most specific jurisdiction with an entry wins ({@code
 * US-MA}, then {@code US}), else the default; and how long carrier webhooks are kept as received
 * ({@code carrierEventsDays}, everywhere).
 */
public record RetentionRules(
    Period fallback, Map<String, Period> byJurisdiction, int carrierEventsDays) {
  /** Days a call's recording and its transcripts are kept after the call. */
  public record Period(int recordingsDays, int transcriptsDays) {}

  public RetentionRules {
    byJurisdiction = Map.copyOf(byJurisdiction);
  }

  /** The shipped rules. */
  public static RetentionRules bundled() {
    return parse(LocatedYaml.resource("library/policy/retention.yaml"));
  }

  static RetentionRules parse(LocatedYaml yaml) {
    Map<String, Period> byJurisdiction = new HashMap<>();
    LocatedYaml jurisdictions = yaml.get("jurisdictions");
    if (jurisdictions != null)
      jurisdictions.entries().forEach((name, p) -> byJurisdiction.put(name, period(p)));
    return new RetentionRules(
        period(yaml.required("default")),
        byJurisdiction,
        days(yaml.required("carrier_events_days")));
  }

  private static Period period(LocatedYaml p) {
    return new Period(days(p.required("recordings_days")), days(p.required("transcripts_days")));
  }

  private static int days(LocatedYaml v) {
    int d = v.integer();
    if (d < 1)
      throw new com.duesline.policy.DataProblems(
          java.util.List.of(v.where() + ": a retention period is at least 1 day, got " + d));
    return d;
  }

  /** The period for {@code jurisdiction} (null: unknown number). */
  public Period of(String jurisdiction) {
    for (String j = jurisdiction;
        j != null;
        j = j.contains("-") ? j.substring(0, j.lastIndexOf('-')) : null) {
      Period p = byJurisdiction.get(j);
      if (p != null) return p;
    }
    return fallback;
  }

  /** The shortest period of any jurisdiction: nothing younger can be due. */
  public int shortestDays() {
    int d = Math.min(fallback.recordingsDays(), fallback.transcriptsDays());
    for (Period p : byJurisdiction.values())
      d = Math.min(d, Math.min(p.recordingsDays(), p.transcriptsDays()));
    return d;
  }
}
