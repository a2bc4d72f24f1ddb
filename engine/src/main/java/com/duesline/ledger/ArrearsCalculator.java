package com.duesline.ledger;

import com.duesline.telephony.carrier.PhoneMask;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The arrears rules, as a pure function of one account's facts: payments settle the oldest charges
 * first (FIFO), then balance, days past due, bucket, behaviour class, risk grade and provision
 * follow, each with a sentence saying which rule fired.
 */
public final class ArrearsCalculator {
  private final SegmentationRules rules;

  public ArrearsCalculator(SegmentationRules rules) {
    this.rules = rules;
  }

  /** The account as it stands at the end of {@code asOf}. */
  public AccountView compute(AccountFacts f, LocalDate asOf) {
    List<AccountFacts.ChargeFact> charges = new ArrayList<>();
    for (var c : f.charges()) if (!c.due().isAfter(asOf)) charges.add(c);
    charges.sort(
        Comparator.comparing(AccountFacts.ChargeFact::due)
            .thenComparing(AccountFacts.ChargeFact::period));
    List<AccountFacts.PaymentFact> payments = new ArrayList<>();
    for (var p : f.payments()) if (!p.paidOn().isAfter(asOf)) payments.add(p);
    payments.sort(Comparator.comparing(AccountFacts.PaymentFact::paidOn));

    BigDecimal charged = BigDecimal.ZERO;
    for (var c : charges) charged = charged.add(c.amount());
    BigDecimal paid = BigDecimal.ZERO;
    for (var p : payments) paid = paid.add(p.amount());
    BigDecimal balance = charged.subtract(paid);
    LocalDate lastPayment = payments.isEmpty() ? null : payments.get(payments.size() - 1).paidOn();

    // FIFO: walk charges oldest first, consuming payments in date order; a charge is settled on the
    // date of the payment that completes it.
    int pi = 0;
    BigDecimal left = payments.isEmpty() ? BigDecimal.ZERO : payments.get(0).amount();
    LocalDate historyFrom = asOf.minusMonths(rules.historyMonths());
    int historyCount = 0;
    int lateCount = 0;
    LocalDate oldestUnpaid = null;
    TreeSet<YearMonth> unpaidPeriods = new TreeSet<>();
    BigDecimal provision = BigDecimal.ZERO;
    StringBuilder provisionRule = new StringBuilder();
    BigDecimal[] provisionByRate = new BigDecimal[rules.provision().size()];
    for (var c : charges) {
      BigDecimal need = c.amount();
      LocalDate settledOn = null;
      while (need.signum() > 0 && pi < payments.size()) {
        BigDecimal take = need.min(left);
        need = need.subtract(take);
        left = left.subtract(take);
        settledOn = payments.get(pi).paidOn();
        if (left.signum() == 0 && ++pi < payments.size()) left = payments.get(pi).amount();
      }
      if (need.signum() == 0 && settledOn == null)
        settledOn = c.due(); // a zero charge is settled when due
      boolean unpaid = need.signum() > 0;
      int lateDays = (int) ChronoUnit.DAYS.between(c.due(), unpaid ? asOf : settledOn);
      if (!c.due().isBefore(historyFrom)) {
        historyCount++;
        if (lateDays > rules.graceDays()) lateCount++;
      }
      if (unpaid) {
        if (oldestUnpaid == null) oldestUnpaid = c.due();
        unpaidPeriods.add(YearMonth.parse(c.period()));
        int age = (int) ChronoUnit.DAYS.between(c.due(), asOf);
        for (int s = rules.provision().size() - 1; s >= 0; s--) {
          if (age >= rules.provision().get(s).minDays()) {
            provisionByRate[s] =
                (provisionByRate[s] == null ? BigDecimal.ZERO : provisionByRate[s]).add(need);
            break;
          }
        }
      }
    }
    for (int s = 0; s < provisionByRate.length; s++) {
      if (provisionByRate[s] == null) continue;
      var step = rules.provision().get(s);
      provision = provision.add(provisionByRate[s].multiply(step.rate()));
      if (provisionRule.length() > 0) provisionRule.append(" + ");
      provisionRule
          .append(money(provisionByRate[s]))
          .append(" unpaid ")
          .append(step.minDays())
          .append("+ days at ")
          .append(step.rate().movePointRight(2).stripTrailingZeros().toPlainString())
          .append('%');
    }
    provision = provision.setScale(2, RoundingMode.HALF_UP);
    if (provisionRule.length() == 0) {
      provisionRule
          .append("nothing unpaid for ")
          .append(rules.provision().isEmpty() ? 0 : rules.provision().get(0).minDays())
          .append("+ days");
    }
    int dpd =
        balance.signum() > 0 && oldestUnpaid != null
            ? (int) ChronoUnit.DAYS.between(oldestUnpaid, asOf)
            : 0;

    // Behaviour class.
    BehaviourClass cls;
    String classRule;
    long sinceLastPayment =
        lastPayment == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(lastPayment, asOf);
    double lateShare = historyCount == 0 ? 0 : (double) lateCount / historyCount;
    String history =
        lateCount
            + " of "
            + historyCount
            + " charges in "
            + rules.historyMonths()
            + " months paid late";
    if (dpd >= rules.dMinDaysPastDue() && sinceLastPayment >= rules.dNoPaymentDays()) {
      cls = BehaviourClass.D;
      classRule =
          "D: "
              + dpd
              + " days past due >= "
              + rules.dMinDaysPastDue()
              + " and "
              + (lastPayment == null
                  ? "no payment ever"
                  : "no payment for " + sinceLastPayment + " days")
              + " (>= "
              + rules.dNoPaymentDays()
              + ")";
    } else if (historyCount > 0 && lateShare >= rules.cMinLateShare()) {
      cls = BehaviourClass.C;
      classRule =
          "C: " + history + " (" + pct(lateShare) + " >= " + pct(rules.cMinLateShare()) + ")";
    } else if (dpd >= rules.cMinDaysPastDue()) {
      cls = BehaviourClass.C;
      classRule = "C: " + dpd + " days past due >= " + rules.cMinDaysPastDue();
    } else if (lateCount >= rules.bMinLateCharges() && rules.bMinLateCharges() > 0) {
      cls = BehaviourClass.B;
      classRule = "B: " + history + " (>= " + rules.bMinLateCharges() + ")";
    } else if (dpd > rules.graceDays()) {
      cls = BehaviourClass.B;
      classRule = "B: " + dpd + " days past due, beyond " + rules.graceDays() + " grace days";
    } else {
      cls = BehaviourClass.A;
      classRule = "A: " + history + ", nothing unpaid beyond " + rules.graceDays() + " grace days";
    }

    // Risk grade.
    RiskGrade grade;
    String gradeRule;
    int periods = unpaidPeriods.size();
    int consecutive = longestRun(unpaidPeriods);
    if (balance.signum() <= 0) {
      grade = RiskGrade.NONE;
      gradeRule = "none: nothing owed";
    } else if (balance.compareTo(rules.sBalanceOver()) > 0 && periods > rules.sPeriodsOver()) {
      grade = RiskGrade.S;
      gradeRule =
          "S: owes "
              + money(balance)
              + " > "
              + money(rules.sBalanceOver())
              + " over "
              + periods
              + " periods > "
              + rules.sPeriodsOver();
    } else if (f.activeHoldKinds().contains(rules.cHoldKind()) && rules.cClasses().contains(cls)) {
      grade = RiskGrade.C;
      gradeRule = "C: " + rules.cHoldKind() + " hold on file and class " + cls + " history";
    } else if (balance.compareTo(rules.aBalanceFrom()) >= 0) {
      grade = RiskGrade.A;
      gradeRule = "A: owes " + money(balance) + " >= " + money(rules.aBalanceFrom());
    } else if (consecutive >= rules.aConsecutivePeriods()) {
      grade = RiskGrade.A;
      gradeRule =
          "A: " + consecutive + " consecutive unpaid periods >= " + rules.aConsecutivePeriods();
    } else {
      grade = RiskGrade.B;
      gradeRule =
          "B: owes "
              + money(balance)
              + " < "
              + money(rules.aBalanceFrom())
              + ", "
              + consecutive
              + " consecutive unpaid period"
              + (consecutive == 1 ? "" : "s");
    }

    return new AccountView(
        f.unitId(),
        f.unit(),
        f.commercial(),
        f.partyId(),
        f.party(),
        f.phoneId(),
        PhoneMask.mask(f.phoneE164()),
        f.phoneStatus(),
        f.timezone(),
        f.language(),
        balance.setScale(2, RoundingMode.HALF_UP),
        dpd,
        AgingBucket.of(dpd),
        cls,
        classRule,
        grade,
        gradeRule,
        provision,
        provisionRule.toString(),
        periods,
        oldestUnpaid,
        lastPayment,
        asOf);
  }

  private static int longestRun(TreeSet<YearMonth> months) {
    int best = 0;
    int run = 0;
    YearMonth prev = null;
    for (YearMonth m : months) {
      run = prev != null && prev.plusMonths(1).equals(m) ? run + 1 : 1;
      best = Math.max(best, run);
      prev = m;
    }
    return best;
  }

  private static String money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String pct(double share) {
    return Math.round(share * 100) + "%";
  }
}
