package com.duesline.policy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the contact policy needs to know about one party, one phone and one debt.
 *
 * @param accountId the account (debt) the contact is about
 * @param phone the number to be contacted (E.164), null when the party has none
 * @param addressZone time zone of the party's address
 * @param addressJurisdiction jurisdiction of the address, e.g. "US-MA" or "CN"
 * @param phoneZone time zone of the phone's area, or null when unknown or the same
 * @param phoneJurisdiction jurisdiction of the phone's area, or null
 * @param consents per-channel consent; a missing channel means {@link Consent#UNKNOWN}
 * @param doNotCall the phone is on the imported do-not-call list
 * @param wrongNumber the phone was marked as not belonging to the party
 * @param holds active holds on the account
 * @param promiseDate the date of a promise to pay in force, or null
 * @param balanceCents what is still owed right now; zero or less means paid
 * @param history past attempts about this debt, oldest first
 * @param attorneyOnRecord an attorney represents the party: letters go to them (calls stay stopped
 *     by the hold)
 */
public record ContactSubject(
    String accountId,
    String phone,
    ZoneId addressZone,
    String addressJurisdiction,
    ZoneId phoneZone,
    String phoneJurisdiction,
    Map<Channel, Consent> consents,
    boolean doNotCall,
    boolean wrongNumber,
    Set<HoldKind> holds,
    LocalDate promiseDate,
    long balanceCents,
    List<PastContact> history,
    boolean attorneyOnRecord) {

  /** Without an attorney on record. */
  public ContactSubject(
      String accountId,
      String phone,
      ZoneId addressZone,
      String addressJurisdiction,
      ZoneId phoneZone,
      String phoneJurisdiction,
      Map<Channel, Consent> consents,
      boolean doNotCall,
      boolean wrongNumber,
      Set<HoldKind> holds,
      LocalDate promiseDate,
      long balanceCents,
      List<PastContact> history) {
    this(
        accountId,
        phone,
        addressZone,
        addressJurisdiction,
        phoneZone,
        phoneJurisdiction,
        consents,
        doNotCall,
        wrongNumber,
        holds,
        promiseDate,
        balanceCents,
        history,
        false);
  }

  /** The consent for {@code channel}, {@link Consent#UNKNOWN} when none was recorded. */
  public Consent consent(Channel channel) {
    return consents.getOrDefault(channel, Consent.UNKNOWN);
  }
}
