package com.duesline.campaign;

/**
 * One contact the dialer asks a {@link ContactChannel} to make.
 *
 * @param e164 the number to dial; never log it unmasked
 */
public record ContactRequest(
    long taskId,
    long attemptId,
    String campaignId,
    String unit,
    long partyId,
    String e164,
    String language,
    RungChannel channel,
    String track,
    String variant) {}
