package com.duesline.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.policy.CampaignLimits;
import com.duesline.policy.Channel;
import com.duesline.policy.ContactPolicy;
import com.duesline.policy.ContactSubject;
import com.duesline.policy.HoldKind;
import com.duesline.policy.PolicyRules;
import com.duesline.policy.ReasonCode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An attorney hold stops calls; a letter passes it only when an attorney is on record to receive
 * it. Other holds stop letters too.
 */
class AttorneyLetterPolicyTest {
  static final ContactPolicy POLICY = new ContactPolicy(PolicyRules.bundled());
  static final Instant AT = Instant.parse("2026-11-24T15:00:00Z");

  static ContactSubject subject(Set<HoldKind> holds, boolean attorney) {
    return new ContactSubject(
        "L-1",
        "+12125550101",
        ZoneId.of("America/New_York"),
        "US-NY",
        null,
        null,
        Map.of(),
        false,
        false,
        holds,
        null,
        585000,
        List.of(),
        attorney);
  }

  @Test
  void attorneyOnRecordReceivesTheLetterWhileCallsStayStopped() {
    var represented = subject(Set.of(HoldKind.ATTORNEY), true);
    assertThat(POLICY.decide(represented, Channel.LETTER, AT, CampaignLimits.NONE).allowed())
        .isTrue();
    assertThat(POLICY.explain(represented, Channel.LETTER, AT, CampaignLimits.NONE).toJson())
        .contains("attorney on record");
    assertThat(POLICY.decide(represented, Channel.CALL, AT, CampaignLimits.NONE).reasons())
        .containsExactly(ReasonCode.HOLD_ATTORNEY);
    // A hold without an attorney on record, or any other hold, stops the letter.
    assertThat(
            POLICY
                .decide(
                    subject(Set.of(HoldKind.ATTORNEY), false),
                    Channel.LETTER,
                    AT,
                    CampaignLimits.NONE)
                .reasons())
        .containsExactly(ReasonCode.HOLD_ATTORNEY);
    assertThat(
            POLICY
                .decide(
                    subject(Set.of(HoldKind.ATTORNEY, HoldKind.DISPUTE), true),
                    Channel.LETTER,
                    AT,
                    CampaignLimits.NONE)
                .reasons())
        .containsExactly(ReasonCode.HOLD_DISPUTE);
  }
}
