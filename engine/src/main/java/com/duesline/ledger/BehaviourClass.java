package com.duesline.ledger;

/**
 * Behaviour classes of DOMAIN.md: A on time, B occasionally late, C often late, D long-term
 * refusal.
 */
public enum BehaviourClass {
  A,
  B,
  C,
  D
}
