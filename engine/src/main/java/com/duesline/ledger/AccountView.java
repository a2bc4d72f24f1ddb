package com.duesline.ledger;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One account (unit) as the campaign, policy and reports see it on {@code asOf}: who to contact
 * (phone already masked; dial by {@code phoneId}), what is owed, how late, and the segment with the
 * rule that produced it.
 */
public record AccountView(
    long unitId,
    String unit,
    boolean commercial,
    Long partyId,
    String party,
    Long phoneId,
    String phone,
    String phoneStatus,
    String timezone,
    String language,
    BigDecimal balance,
    int daysPastDue,
    AgingBucket bucket,
    BehaviourClass behaviourClass,
    String classRule,
    RiskGrade grade,
    String gradeRule,
    BigDecimal provision,
    String provisionRule,
    int unpaidPeriods,
    LocalDate oldestUnpaidDue,
    LocalDate lastPaymentOn,
    LocalDate asOf) {

  /** True when something is owed. */
  public boolean inArrears() {
    return balance.signum() > 0;
  }

  /**
   * The JSON object `duesline accounts --format json` prints (snake_case keys; grade null when
   * nothing is owed).
   */
  public JsonObject toJson() {
    return new JsonObject()
        .put("unit", unit)
        .put("party", party)
        .put("phone", phone)
        .put("phone_status", phoneStatus)
        .put("timezone", timezone)
        .put("language", language)
        .put("balance", balance)
        .put("days_past_due", daysPastDue)
        .put("bucket", bucket.label())
        .put("class", behaviourClass.name())
        .put("class_rule", classRule)
        .put("grade", grade == RiskGrade.NONE ? null : grade.name())
        .put("grade_rule", gradeRule)
        .put("commercial", commercial)
        .put("provision", provision)
        .put("provision_rule", provisionRule)
        .put("unpaid_periods", unpaidPeriods)
        .put("oldest_unpaid_due", oldestUnpaidDue == null ? null : oldestUnpaidDue.toString())
        .put("last_payment_on", lastPaymentOn == null ? null : lastPaymentOn.toString())
        .put("as_of", asOf.toString());
  }
}
