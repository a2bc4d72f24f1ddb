package com.duesline.policy;

/** Why a contact was blocked; stable codes a supervisor reads and reports group by. */
public enum ReasonCode {
  OUTSIDE_WINDOW,
  MEAL_TIME,
  REST_DAY,
  HOLIDAY,
  CALENDAR_NOT_COVERED,
  FREQUENCY_CAP,
  RECENT_CONVERSATION,
  OPTED_OUT,
  NO_CONSENT,
  DO_NOT_CALL,
  HOLD_DISPUTE,
  HOLD_ATTORNEY,
  HOLD_BEREAVEMENT,
  HOLD_PAYMENT_CHECK,
  PROMISE_IN_FORCE,
  PAID,
  WRONG_NUMBER,
  NO_PHONE
}
