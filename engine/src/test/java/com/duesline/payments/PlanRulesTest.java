package com.duesline.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.policy.DataProblems;
import com.duesline.policy.LocatedYaml;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shipped plan guardrails, worked by hand, and a bad rules file refused with every problem's
 * position.
 */
class PlanRulesTest {
  @Test
  void offersFollowTheShippedRules() {
    PlanRules rules = PlanRules.bundled();
    // 900: 10 % down is 90; up to 1000 allows 3 months; 810 / 3 = 270 each.
    PlanRules.Offer small = rules.offer(new BigDecimal("900"));
    assertThat(small.downPayment()).isEqualByComparingTo("90");
    assertThat(small.maxMonths()).isEqualTo(3);
    assertThat(small.monthly(3)).isEqualByComparingTo("270");
    // 5000: 500 down, up to 10000 allows 9 months.
    assertThat(rules.offer(new BigDecimal("5000")).maxMonths()).isEqualTo(9);
    assertThat(rules.offer(new BigDecimal("5000")).monthly(9)).isEqualByComparingTo("500");
    // 20000: the open band, 12 months.
    assertThat(rules.offer(new BigDecimal("20000")).maxMonths()).isEqualTo(12);
    // 2100: 6 months by band, but 210 down leaves 1890 / 50 = 37 months by the minimum: 6.
    assertThat(rules.offer(new BigDecimal("2100")).maxMonths()).isEqualTo(6);
    // 180: the 50 floor leaves 130, two instalments of 65 at most.
    assertThat(rules.offer(new BigDecimal("180")).maxMonths()).isEqualTo(2);
    // 120: 50 down leaves 70, one instalment of 50 at most: no plan, and no plan variables for the
    // track.
    assertThat(rules.offer(new BigDecimal("120")).maxMonths()).isZero();
    assertThat(rules.offer(new BigDecimal("120")).facts()).isEmpty();
    assertThat(small.facts())
        .containsKeys("plan_down_payment", "plan_max_months", "plan_min_instalment");
    assertThat(rules.brokenInARow()).isEqualTo(2);
  }

  @Test
  void aBadFileIsRefusedWithEveryProblem() {
    String yaml =
        """
        plan:
          down-payment: {percent: 120, at-least: 50}
          min-instalment: 0
          max-months:
            - {up-to: 3000, months: 6}
            - {up-to: 1000, months: 3}
            - {up-to: 9000, months: 40}
        promises: {grace-days: 1, remind-days-before: 1, broken-in-a-row-to-person: 2, nag: true}
        forecast: {default-kept-rate: 0.6, prior-weight: 2, weeks: 8}
        """;
    assertThatThrownBy(
            () ->
                PlanRules.from(
                    LocatedYaml.parse(
                        "bad.yaml",
                        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOf(DataProblems.class)
        .satisfies(
            e ->
                assertThat(((DataProblems) e).problems())
                    .anySatisfy(
                        p -> assertThat(p).startsWith("bad.yaml:2:").contains("at most 100"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("bad.yaml:3:").contains("min-instalment"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("bad.yaml:6:").contains("bands must rise"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("bad.yaml:7:").contains("between 1 and 36"))
                    .anySatisfy(p -> assertThat(p).contains("the last band must have no up-to"))
                    .anySatisfy(
                        p ->
                            assertThat(p).startsWith("bad.yaml:8:").contains("unknown field 'nag'"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .startsWith("bad.yaml:8:")
                                .contains(
                                    "grace-days: the grace is the contact policy's promise-grace-days")));
  }
}
