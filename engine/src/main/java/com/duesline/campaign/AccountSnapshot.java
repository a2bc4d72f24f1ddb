package com.duesline.campaign;

import com.duesline.ledger.BehaviourClass;
import com.duesline.ledger.RiskGrade;
import com.duesline.policy.ContactSubject;
import com.duesline.policy.HoldKind;
import com.duesline.policy.PastContact;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What planning needs to know about one account at one moment: arrears, segment inputs, the party,
 * holds, promises and the attempts so far (oldest first).
 *
 * @param dueDate the oldest unpaid charge's due date, or the next one when nothing is overdue
 * @param periodsOverdue unpaid periods in total
 * @param consecutivePeriods the longest run of consecutive unpaid periods
 * @param hardship the account is flagged for temporary hardship (care grade)
 * @param brokenPromise the last promise's date plus grace passed without the payment
 * @param nextInstalment the due date of the next instalment of an active plan, or null
 * @param paymentDates past payment dates, for the best time to remind
 * @param grade the ledger's risk grade, or null to compute it with {@link Segmenter}
 * @param attorneyOnRecord an attorney represents the owner (letters go to them)
 */
public record AccountSnapshot(
    String accountId,
    String unitId,
    String community,
    UnitKind kind,
    BehaviourClass behaviour,
    boolean hardship,
    long balanceCents,
    LocalDate dueDate,
    int periodsOverdue,
    int consecutivePeriods,
    Party party,
    Set<HoldKind> holds,
    LocalDate promiseDate,
    boolean brokenPromise,
    LocalDate nextInstalment,
    List<Attempt> attempts,
    List<LocalDate> paymentDates,
    RiskGrade grade,
    boolean attorneyOnRecord) {

  /** Without an attorney on record. */
  public AccountSnapshot(
      String accountId,
      String unitId,
      String community,
      UnitKind kind,
      BehaviourClass behaviour,
      boolean hardship,
      long balanceCents,
      LocalDate dueDate,
      int periodsOverdue,
      int consecutivePeriods,
      Party party,
      Set<HoldKind> holds,
      LocalDate promiseDate,
      boolean brokenPromise,
      LocalDate nextInstalment,
      List<Attempt> attempts,
      List<LocalDate> paymentDates,
      RiskGrade grade) {
    this(
        accountId,
        unitId,
        community,
        kind,
        behaviour,
        hardship,
        balanceCents,
        dueDate,
        periodsOverdue,
        consecutivePeriods,
        party,
        holds,
        promiseDate,
        brokenPromise,
        nextInstalment,
        attempts,
        paymentDates,
        grade,
        false);
  }

  /** The policy's view of this account and its party. */
  public ContactSubject subject() {
    List<PastContact> history = new ArrayList<>(attempts.size());
    for (Attempt a : attempts) {
      // Carrier errors never reached the party: they do not count against caps.
      if (a.outcome() == Outcome.CARRIER_ERROR) continue;
      history.add(new PastContact(a.at(), a.channel(), a.outcome().conversation()));
    }
    return new ContactSubject(
        accountId,
        party.phone(),
        party.addressZone(),
        party.addressJurisdiction(),
        party.phoneZone(),
        party.phoneJurisdiction(),
        party.consents(),
        party.doNotCall(),
        party.wrongNumber(),
        holds,
        promiseDate,
        balanceCents,
        history,
        attorneyOnRecord);
  }
}
