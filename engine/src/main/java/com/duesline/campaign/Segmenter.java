package com.duesline.campaign;

import com.duesline.policy.DataProblems;
import com.duesline.policy.LocatedYaml;
import java.util.EnumSet;
import java.util.Set;

/**
 * Risk grade from amount and periods, with thresholds from {@code library/campaigns/segments.yaml}.
 */
public final class Segmenter {
  private final long severeOverCents;
  private final int severeOverPeriods;
  private final long highFromCents;
  private final int highConsecutivePeriods;
  private final Set<BehaviourClass> careClasses;

  public Segmenter(long severeOverCents, int severeOverPeriods, long highFromCents, int highConsecutivePeriods, Set<BehaviourClass> careClasses) {
    this.severeOverCents = severeOverCents;
    this.severeOverPeriods = severeOverPeriods;
    this.highFromCents = highFromCents;
    this.highConsecutivePeriods = highConsecutivePeriods;
    this.careClasses = Set.copyOf(careClasses);
  }

  /** The thresholds shipped in the scripts library. */
  public static Segmenter bundled() {
    return load(LocatedYaml.resource("library/campaigns/segments.yaml"));
  }

  static Segmenter load(LocatedYaml root) {
    LocatedYaml severe = root.required("severe");
    LocatedYaml high = root.required("high");
    Set<BehaviourClass> care = EnumSet.noneOf(BehaviourClass.class);
    for (LocatedYaml c : root.required("care-classes").items()) {
      try {
        care.add(BehaviourClass.valueOf(c.text().trim()));
      } catch (IllegalArgumentException e) {
        throw new DataProblems(c.where() + ": unknown class '" + c.text() + "' (A, B, C, D)");
      }
    }
    return new Segmenter(
        Money.cents(severe.required("over-amount")), severe.required("over-periods").integer(),
        Money.cents(high.required("from-amount")), high.required("consecutive-periods").integer(), care);
  }

  /** S when both amount and periods are over the severe line; C for hardship with a good class; A by amount or consecutive periods; else B. */
  public RiskGrade grade(AccountSnapshot a) {
    if (a.balanceCents() > severeOverCents && a.periodsOverdue() > severeOverPeriods) return RiskGrade.S;
    if (a.hardship() && careClasses.contains(a.behaviour())) return RiskGrade.C;
    if (a.balanceCents() >= highFromCents || a.consecutivePeriods() >= highConsecutivePeriods) return RiskGrade.A;
    return RiskGrade.B;
  }
}
