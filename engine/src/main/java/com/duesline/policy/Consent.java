package com.duesline.policy;

/** A party's consent for one channel: granted, never recorded, or revoked (opt-out, STOP). */
public enum Consent {
  GRANTED,
  UNKNOWN,
  REVOKED
}
