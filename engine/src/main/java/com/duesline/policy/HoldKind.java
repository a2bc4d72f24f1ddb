package com.duesline.policy;

/** Holds that stop all contact for an account until a person lifts them. */
public enum HoldKind {
  DISPUTE(ReasonCode.HOLD_DISPUTE),
  ATTORNEY(ReasonCode.HOLD_ATTORNEY),
  BEREAVEMENT(ReasonCode.HOLD_BEREAVEMENT);

  private final ReasonCode reason;

  HoldKind(ReasonCode reason) {
    this.reason = reason;
  }

  public ReasonCode reason() {
    return reason;
  }
}
