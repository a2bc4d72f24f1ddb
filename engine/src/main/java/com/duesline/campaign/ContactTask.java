package com.duesline.campaign;

import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.RiskGrade;
import com.duesline.policy.ReasonCode;
import java.time.Instant;
import java.util.List;

/**
 * One planned contact: who, on which rung, how, with which track and variant, and when.
 *
 * @param notBefore the earliest instant the contact may be made (now for DUE tasks)
 * @param blockedBy the policy's reason codes for BLOCKED tasks, empty otherwise
 */
public record ContactTask(
    String campaignId,
    String accountId,
    String partyId,
    String phone,
    String rungId,
    RungChannel channel,
    String track,
    String variant,
    RiskGrade grade,
    AgingBucket bucket,
    TaskState state,
    Instant notBefore,
    List<ReasonCode> blockedBy) {}
