package com.duesline.policy;

/** Holds that stop all contact for an account until a person lifts them. */
public enum HoldKind {
  DISPUTE(ReasonCode.HOLD_DISPUTE),
  ATTORNEY(ReasonCode.HOLD_ATTORNEY),
  BEREAVEMENT(ReasonCode.HOLD_BEREAVEMENT),
  /** The owner says they paid: no contact until the payment is matched. */
  PAYMENT_CHECK(ReasonCode.HOLD_PAYMENT_CHECK);

  private final ReasonCode reason;

  HoldKind(ReasonCode reason) {
    this.reason = reason;
  }

  public ReasonCode reason() {
    return reason;
  }
}
