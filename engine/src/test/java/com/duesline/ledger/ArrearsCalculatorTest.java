package com.duesline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of the arrears rules with the shipped segmentation.yaml. */
class ArrearsCalculatorTest {
  static final ArrearsCalculator CALC = new ArrearsCalculator(SegmentationRules.builtIn());
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 25);

  @ParameterizedTest(name = "{0} days past due -> {1}")
  @CsvSource({
    "0, current",
    "1, 1-30",
    "30, 1-30",
    "31, 31-60",
    "60, 31-60",
    "61, 61-90",
    "90, 61-90",
    "91, 91-180",
    "180, 91-180",
    "181, 181-365",
    "365, 181-365",
    "366, 365+",
    "2000, 365+"
  })
  void bucketBoundaries(int days, String bucket) {
    assertThat(AgingBucket.of(days).label()).isEqualTo(bucket);
    // The same through the calculator: one unpaid charge due `days` ago.
    AccountView v =
        CALC.compute(
            facts(List.of(charge("2020-01", "100", AS_OF.minusDays(days))), List.of(), Set.of()),
            AS_OF);
    assertThat(v.daysPastDue()).isEqualTo(days);
    assertThat(v.bucket().label()).isEqualTo(bucket);
  }

  @ParameterizedTest(name = "unpaid {0} days -> provision {1}")
  @CsvSource({
    "90, 0.00",
    "91, 150.00",
    "180, 150.00",
    "181, 300.00",
    "365, 300.00",
    "366, 500.00",
    "730, 500.00",
    "731, 800.00"
  })
  void provisionByAge(int days, String provision) {
    AccountView v =
        CALC.compute(
            facts(List.of(charge("2020-01", "1000", AS_OF.minusDays(days))), List.of(), Set.of()),
            AS_OF);
    assertThat(v.provision()).isEqualByComparingTo(provision);
  }

  @Test
  void provisionAgesEachUnpaidChargeOnItsOwn() {
    // 400 days old (50%) and 100 days old (15%), 1000 each.
    AccountView v =
        CALC.compute(
            facts(
                List.of(
                    charge("2025-10", "1000", AS_OF.minusDays(400)),
                    charge("2026-08", "1000", AS_OF.minusDays(100))),
                List.of(),
                Set.of()),
            AS_OF);
    assertThat(v.provision()).isEqualByComparingTo("650.00");
    assertThat(v.provisionRule())
        .isEqualTo("1000.00 unpaid 91+ days at 15% + 1000.00 unpaid 366+ days at 50%");
  }

  @Test
  void paymentsSettleTheOldestChargesFirst() {
    // Three months of 300; 450 paid: January settled, February half paid, so February is the oldest
    // unpaid.
    List<AccountFacts.ChargeFact> charges =
        List.of(
            charge("2026-01", "300", LocalDate.of(2026, 1, 1)),
            charge("2026-02", "300", LocalDate.of(2026, 2, 1)),
            charge("2026-03", "300", LocalDate.of(2026, 3, 1)));
    AccountView v =
        CALC.compute(
            facts(charges, List.of(pay("450", LocalDate.of(2026, 3, 20))), Set.of()),
            LocalDate.of(2026, 4, 1));
    assertThat(v.balance()).isEqualByComparingTo("450.00");
    assertThat(v.oldestUnpaidDue()).isEqualTo(LocalDate.of(2026, 2, 1));
    assertThat(v.daysPastDue()).isEqualTo(59);
    assertThat(v.unpaidPeriods()).isEqualTo(2);
  }

  @Test
  void chargesNotYetDueAndLaterPaymentsAreIgnored() {
    AccountView v =
        CALC.compute(
            facts(
                List.of(charge("2026-12", "300", LocalDate.of(2026, 12, 1))),
                List.of(pay("100", LocalDate.of(2026, 12, 2))),
                Set.of()),
            AS_OF);
    assertThat(v.balance()).isEqualByComparingTo("0");
    assertThat(v.grade()).isEqualTo(RiskGrade.NONE);
    assertThat(v.gradeRule()).isEqualTo("none: nothing owed");
  }

  @Test
  void classAPaysOnTime() {
    AccountView v = CALC.compute(monthly(12, 100, 2, 0), AS_OF);
    assertThat(v.behaviourClass()).isEqualTo(BehaviourClass.A);
    assertThat(v.classRule())
        .isEqualTo("A: 0 of 12 charges in 12 months paid late, nothing unpaid beyond 5 grace days");
  }

  @Test
  void classBIsOccasionallyLate() {
    AccountView v = CALC.compute(monthly(12, 100, 2, 0, 3, 7), AS_OF);
    assertThat(v.behaviourClass()).isEqualTo(BehaviourClass.B);
    assertThat(v.classRule()).isEqualTo("B: 2 of 12 charges in 12 months paid late (>= 2)");
  }

  @Test
  void classCIsOftenLate() {
    AccountView v = CALC.compute(monthly(12, 100, 20, 0), AS_OF);
    assertThat(v.behaviourClass()).isEqualTo(BehaviourClass.C);
    assertThat(v.classRule()).isEqualTo("C: 12 of 12 charges in 12 months paid late (100% >= 50%)");
  }

  @Test
  void classDHasRefusedForMonths() {
    // Charges monthly for two years, the last payment 200 days ago covers the first 12 months only.
    List<AccountFacts.ChargeFact> charges = new ArrayList<>();
    for (int m = 0; m < 24; m++) {
      YearMonth p = YearMonth.of(2024, 12).plusMonths(m);
      charges.add(charge(p.toString(), "100", p.atDay(1)));
    }
    AccountView v =
        CALC.compute(facts(charges, List.of(pay("1200", AS_OF.minusDays(200))), Set.of()), AS_OF);
    assertThat(v.behaviourClass()).isEqualTo(BehaviourClass.D);
    assertThat(v.classRule())
        .isEqualTo("D: 359 days past due >= 180 and no payment for 200 days (>= 90)");
  }

  @ParameterizedTest(name = "{0} months of {1} unpaid -> grade {2}")
  @CsvSource({
    "4, 2600, S, 'S: owes 10400.00 > 10000.00 over 4 periods > 3'",
    "3, 3500, A, 'A: owes 10500.00 >= 5000.00'",
    "1, 6000, A, 'A: owes 6000.00 >= 5000.00'",
    "2, 100, A, 'A: 2 consecutive unpaid periods >= 2'",
    "1, 800, B, 'B: owes 800.00 < 5000.00, 1 consecutive unpaid period'",
  })
  void riskGrades(int months, int fee, RiskGrade grade, String rule) {
    List<AccountFacts.ChargeFact> charges = new ArrayList<>();
    for (int m = 0; m < months; m++) {
      YearMonth p = YearMonth.of(2026, 11).minusMonths(m);
      charges.add(charge(p.toString(), Integer.toString(fee), p.atDay(1)));
    }
    AccountView v = CALC.compute(facts(charges, List.of(), Set.of()), AS_OF);
    assertThat(v.grade()).isEqualTo(grade);
    assertThat(v.gradeRule()).isEqualTo(rule);
  }

  @Test
  void gradeCIsCareForAGoodPayerWithAHardshipHold() {
    AccountFacts f = monthly(12, 100, 2, 1);
    AccountFacts withHold =
        new AccountFacts(
            f.unitId(),
            f.unit(),
            f.commercial(),
            f.partyId(),
            f.party(),
            f.phoneId(),
            f.phoneE164(),
            f.phoneStatus(),
            f.timezone(),
            f.language(),
            f.charges(),
            f.payments(),
            Set.of("hardship"));
    AccountView v = CALC.compute(withHold, AS_OF);
    assertThat(v.behaviourClass()).isEqualTo(BehaviourClass.B);
    assertThat(v.grade()).isEqualTo(RiskGrade.C);
    assertThat(v.gradeRule()).isEqualTo("C: hardship hold on file and class B history");
    assertThat(CALC.compute(f, AS_OF).grade()).isEqualTo(RiskGrade.B);
  }

  @Test
  void phoneIsMaskedInTheView() {
    AccountView v = CALC.compute(monthly(1, 100, 0, 0), AS_OF);
    assertThat(v.phone()).isEqualTo("+86•••••••1234");
  }

  /**
   * {@code months} monthly charges up to November 2026, each paid {@code lateDays} after due,
   * except the last {@code unpaid}.
   */
  static AccountFacts monthly(
      int months, int fee, int lateDays, int unpaid, int... extraLateMonths) {
    List<AccountFacts.ChargeFact> charges = new ArrayList<>();
    List<AccountFacts.PaymentFact> payments = new ArrayList<>();
    for (int m = 0; m < months; m++) {
      YearMonth p = YearMonth.of(2026, 11).minusMonths(months - 1 - m);
      charges.add(charge(p.toString(), Integer.toString(fee), p.atDay(1)));
      if (m >= months - unpaid) continue;
      int late = lateDays;
      for (int x : extraLateMonths) if (x == m) late = 20;
      payments.add(pay(Integer.toString(fee), p.atDay(1).plusDays(late)));
    }
    return facts(charges, payments, Set.of());
  }

  static AccountFacts facts(
      List<AccountFacts.ChargeFact> charges,
      List<AccountFacts.PaymentFact> payments,
      Set<String> holds) {
    return new AccountFacts(
        1,
        "A-101",
        false,
        1L,
        "王丽",
        1L,
        "+8613812341234",
        "ok",
        "Asia/Shanghai",
        "zh",
        charges,
        payments,
        holds);
  }

  static AccountFacts.ChargeFact charge(String period, String amount, LocalDate due) {
    return new AccountFacts.ChargeFact(period, new BigDecimal(amount), due);
  }

  static AccountFacts.PaymentFact pay(String amount, LocalDate on) {
    return new AccountFacts.PaymentFact(new BigDecimal(amount), on);
  }
}
