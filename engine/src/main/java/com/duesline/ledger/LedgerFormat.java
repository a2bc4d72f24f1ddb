package com.duesline.ledger;

import java.util.List;

/** The ledger CSV columns, in order (see docs/ledger.md); every row has all of them. */
public final class LedgerFormat {
  /** The header line every ledger file starts with. */
  public static final List<String> COLUMNS =
      List.of(
          "record",
          "unit",
          "id",
          "name",
          "role",
          "language",
          "phone",
          "phone_status",
          "timezone",
          "commercial",
          "area_m2",
          "period",
          "kind",
          "amount",
          "date");

  public static final int RECORD = 0;
  public static final int UNIT = 1;
  public static final int ID = 2;
  public static final int NAME = 3;
  public static final int ROLE = 4;
  public static final int LANGUAGE = 5;
  public static final int PHONE = 6;
  public static final int PHONE_STATUS = 7;
  public static final int TIMEZONE = 8;
  public static final int COMMERCIAL = 9;
  public static final int AREA = 10;
  public static final int PERIOD = 11;
  public static final int KIND = 12;
  public static final int AMOUNT = 13;
  public static final int DATE = 14;

  private LedgerFormat() {}

  /** A CSV line (no line ending) from 15 fields. */
  public static String line(String... fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) sb.append(',');
      sb.append(com.duesline.export.Csv.field(fields[i]));
    }
    return sb.toString();
  }
}
