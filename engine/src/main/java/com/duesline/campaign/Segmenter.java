package com.duesline.campaign;

import com.duesline.ledger.RiskGrade;
import com.duesline.ledger.SegmentationRules;

/**
 * Risk grade for accounts that do not come with one from the ledger (generated benchmark accounts),
 * by the ledger's own thresholds in {@code library/rules/segmentation.yaml}, in the ledger's order:
 * S, then C (hardship with a good class), then A, else B.
 */
public final class Segmenter {
  private final SegmentationRules rules;

  public Segmenter(SegmentationRules rules) {
    this.rules = rules;
  }

  /** The thresholds shipped in the scripts library. */
  public static Segmenter bundled() {
    return new Segmenter(SegmentationRules.builtIn());
  }

  /** The ledger's grade when the snapshot has one, else computed from amount, periods and class. */
  public RiskGrade grade(AccountSnapshot a) {
    if (a.grade() != null) return a.grade();
    if (a.balanceCents() <= 0) return RiskGrade.NONE;
    long sOver = rules.sBalanceOver().movePointRight(2).longValue();
    long aFrom = rules.aBalanceFrom().movePointRight(2).longValue();
    if (a.balanceCents() > sOver && a.periodsOverdue() > rules.sPeriodsOver()) return RiskGrade.S;
    if (a.hardship() && rules.cClasses().contains(a.behaviour())) return RiskGrade.C;
    if (a.balanceCents() >= aFrom || a.consecutivePeriods() >= rules.aConsecutivePeriods())
      return RiskGrade.A;
    return RiskGrade.B;
  }
}
