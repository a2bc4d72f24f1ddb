package com.duesline.campaign;

import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.BehaviourClass;
import com.duesline.ledger.RiskGrade;
import java.util.Set;

/**
 * Which accounts a campaign works on; an empty set means "any".
 *
 * @param minAmountCents accounts owing less are left out
 * @param maxAmountCents accounts owing more are left out (Long.MAX_VALUE: no limit)
 */
public record Targeting(
    Set<String> communities,
    Set<UnitKind> kinds,
    Set<BehaviourClass> classes,
    Set<RiskGrade> grades,
    Set<AgingBucket> buckets,
    long minAmountCents,
    long maxAmountCents) {

  /** True when the account is in this campaign's target. */
  public boolean includes(AccountSnapshot a, RiskGrade grade, AgingBucket bucket) {
    if (!communities.isEmpty() && !communities.contains(a.community())) return false;
    if (!kinds.isEmpty() && !kinds.contains(a.kind())) return false;
    if (!classes.isEmpty() && !classes.contains(a.behaviour())) return false;
    if (!grades.isEmpty() && !grades.contains(grade)) return false;
    if (!buckets.isEmpty() && !buckets.contains(bucket)) return false;
    return a.balanceCents() >= minAmountCents && a.balanceCents() <= maxAmountCents;
  }
}
