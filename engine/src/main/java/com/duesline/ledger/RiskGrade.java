package com.duesline.ledger;

/** Risk grades of DOMAIN.md (S, A, B, C care); NONE for an account that owes nothing. */
public enum RiskGrade {
  S,
  A,
  B,
  C,
  NONE
}
