package com.duesline.campaign;

import com.duesline.policy.Channel;
import com.duesline.policy.Consent;
import java.time.ZoneId;
import java.util.Map;

/**
 * The person contacted for an account and the facts about their phone.
 *
 * @param phoneZone zone of the phone's area code, null when unknown or the address's
 * @param phoneJurisdiction jurisdiction of the phone's area, null when unknown or the address's
 */
public record Party(
    String partyId,
    String phone,
    ZoneId addressZone,
    String addressJurisdiction,
    ZoneId phoneZone,
    String phoneJurisdiction,
    String language,
    Map<Channel, Consent> consents,
    boolean doNotCall,
    boolean wrongNumber) {}
