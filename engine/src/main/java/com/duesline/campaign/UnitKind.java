package com.duesline.campaign;

/** Residential and commercial units are tracked separately (stricter targets for commercial). */
public enum UnitKind {
  RESIDENTIAL,
  COMMERCIAL
}
