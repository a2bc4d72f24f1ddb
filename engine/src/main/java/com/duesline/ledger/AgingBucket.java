package com.duesline.ledger;

/** Aging buckets by days past due of the oldest unpaid charge. */
public enum AgingBucket {
  CURRENT("current", 0, 0),
  D1_30("1-30", 1, 30),
  D31_60("31-60", 31, 60),
  D61_90("61-90", 61, 90),
  D91_180("91-180", 91, 180),
  D181_365("181-365", 181, 365),
  D365_PLUS("365+", 366, Integer.MAX_VALUE);

  private final String label;
  private final int from;
  private final int to;

  AgingBucket(String label, int from, int to) {
    this.label = label;
    this.from = from;
    this.to = to;
  }

  /** The bucket for {@code daysPastDue} (0 or less is current). */
  public static AgingBucket of(int daysPastDue) {
    for (AgingBucket b : values()) {
      if (daysPastDue >= b.from && daysPastDue <= b.to) return b;
    }
    return CURRENT;
  }

  /** The printed name, e.g. {@code 31-60}. */
  public String label() {
    return label;
  }
}
