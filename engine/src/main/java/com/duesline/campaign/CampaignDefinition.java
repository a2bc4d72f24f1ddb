package com.duesline.campaign;

import com.duesline.ledger.RiskGrade;
import com.duesline.policy.CampaignLimits;
import java.util.List;
import java.util.Set;

/**
 * A campaign as written in {@code library/campaigns/*.yaml}: whom it targets, when it runs, its
 * ladder, follow-ups, carrier-error backoff and which grades go to people first.
 *
 * @param bestTime whether a call waits for the account's best-drawn hour (the default); false calls
 *     when due
 */
public record CampaignDefinition(
    String id,
    String name,
    String source,
    Targeting targeting,
    ActivePeriod active,
    CampaignLimits limits,
    List<Rung> ladder,
    FollowUp brokenPromise,
    FollowUp instalment,
    CarrierRetry carrierRetry,
    Set<RiskGrade> humanFirstGrades,
    boolean bestTime) {

  /** The highest rung (last in file order) this account belongs on, or null. */
  public Rung rungFor(int daysPastDue, long balanceCents) {
    for (int i = ladder.size() - 1; i >= 0; i--) {
      Rung r = ladder.get(i);
      if (r.matches(daysPastDue, balanceCents)) return r;
    }
    return null;
  }

  public Rung rung(String id) {
    for (Rung r : ladder) if (r.id().equals(id)) return r;
    return null;
  }
}
