package com.duesline.campaign;

/** Risk grade by amount and periods (DOMAIN.md): S severe, A high, B routine, C care (temporary hardship). */
public enum RiskGrade {
  S,
  A,
  B,
  C
}
