package com.duesline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.duesline.cli.InputRejectedException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SegmentationRulesTest {
  @Test
  void shippedRulesCarryTheDomainNumbers() {
    SegmentationRules r = SegmentationRules.builtIn();
    assertThat(r.sBalanceOver()).isEqualByComparingTo("10000");
    assertThat(r.aBalanceFrom()).isEqualByComparingTo("5000");
    assertThat(r.provisionRate(100)).isEqualByComparingTo("0.15");
    assertThat(r.provisionRate(800)).isEqualByComparingTo("0.80");
    assertThat(r.provisionRate(90)).isEqualByComparingTo(BigDecimal.ZERO);
  }

  @Test
  void typosAndBadValuesAreNamedByKey() {
    String yaml =
        """
        behaviour: {history_months: 12, grace_days: five, d_min_days_past_due: 180, d_no_payment_days: 90,
                    c_min_late_share: 0.5, c_min_days_past_due: 61, b_min_late_charges: 2, b_min_lates: 3}
        risk: {s_balance_over: 10000, s_periods_over: 3, c_hold_kind: hardship, c_classes: [A, E], a_balance_from: 5000,
               a_consecutive_periods: 2}
        provision: [{min_days: 91, rate: 1.5}]
        """;
    InputRejectedException e =
        catchThrowableOfType(
            InputRejectedException.class,
            () ->
                SegmentationRules.parse(
                    "seg.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "seg.yaml: behaviour.b_min_lates: unknown key (known: history_months, grace_days, d_min_days_past_due, d_no_payment_days, c_min_late_share, c_min_days_past_due, b_min_late_charges)",
            "seg.yaml: behaviour.grace_days: must be a whole number 0 or more, got 'five'",
            "seg.yaml: risk.c_classes: 'E' is not one of A, B, C, D",
            "seg.yaml: provision[0].rate: must be between 0 and 1, got 1.5");
  }
}
