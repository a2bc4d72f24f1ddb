package com.duesline.ledger;

/** What one import did: rows read from the file and, per table, how many were new or changed. */
public record ImportResult(
    String file,
    int rowsRead,
    Count units,
    Count parties,
    Count phones,
    Count charges,
    Count payments,
    long millis) {
  /** Rows inserted and rows updated (a row already present and identical counts in neither). */
  public record Count(long inserted, long updated) {
    public boolean unchanged() {
      return inserted == 0 && updated == 0;
    }
  }

  /** True when the import changed nothing (the same file imported twice). */
  public boolean unchanged() {
    return units.unchanged()
        && parties.unchanged()
        && phones.unchanged()
        && charges.unchanged()
        && payments.unchanged();
  }
}
