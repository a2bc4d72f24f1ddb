package com.duesline.campaign;

/** Age of the arrears in days past due, as campaigns target it. */
public enum AgingBucket {
  PRE_DUE("pre_due", Integer.MIN_VALUE, 0),
  D1_30("1-30", 1, 30),
  D31_90("31-90", 31, 90),
  D91_180("91-180", 91, 180),
  D180_PLUS("180+", 181, Integer.MAX_VALUE);

  private final String id;
  private final int from;
  private final int to;

  AgingBucket(String id, int from, int to) {
    this.id = id;
    this.from = from;
    this.to = to;
  }

  public String id() {
    return id;
  }

  public static AgingBucket of(int daysPastDue) {
    for (AgingBucket b : values()) if (daysPastDue >= b.from && daysPastDue <= b.to) return b;
    throw new IllegalStateException("no bucket for " + daysPastDue);
  }

  /** The bucket with this id ("1-30"), or null. */
  public static AgingBucket parse(String id) {
    for (AgingBucket b : values()) if (b.id.equals(id.trim())) return b;
    return null;
  }
}
