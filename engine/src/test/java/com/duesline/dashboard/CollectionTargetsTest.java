package com.duesline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.policy.DataProblems;
import com.duesline.policy.LocatedYaml;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The targets file: the shipped one says 90 % residential and 100 % commercial; a bad one is
 * refused with positions.
 */
class CollectionTargetsTest {
  @Test
  void shippedTargetsAreThePlaybooks() {
    CollectionTargets t = CollectionTargets.bundled();
    assertThat(t.residentialPct()).isEqualByComparingTo(new BigDecimal("90"));
    assertThat(t.commercialPct()).isEqualByComparingTo(new BigDecimal("100"));
    assertThat(t.fraction(false)).isEqualTo(0.9);
    assertThat(t.fraction(true)).isEqualTo(1.0);
  }

  @Test
  void everyProblemNamesItsPlace() {
    String doc =
        """
        collection-rate:
          residential: 190
          comercial: 100
        extra: 1
        """;
    assertThatThrownBy(
            () ->
                CollectionTargets.from(
                    LocatedYaml.parse(
                        "targets.yaml",
                        new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOfSatisfying(
            DataProblems.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "targets.yaml:4:8: unknown field 'extra' (known: collection-rate)",
                        "targets.yaml:3:14: unknown kind 'comercial' (known: residential, commercial)",
                        "targets.yaml:2:16: residential: a target is a percentage above 0 and at most 100, got 190",
                        "targets.yaml:2:3: missing required field 'commercial'"));
  }
}
