package com.duesline.intent;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * What "after payday" / "发了工资" resolves to. Default: semi-monthly pay on the 15th and the last day
 * of the month (the common US payroll; many Chinese employers pay mid-month too), so payday is the
 * next of those on or after the call's date.
 */
public record Payday(List<Integer> daysOfMonth, boolean lastDayOfMonth) {
  public Payday {
    daysOfMonth = List.copyOf(daysOfMonth);
    for (int d : daysOfMonth)
      if (d < 1 || d > 31)
        throw new IllegalArgumentException("payday day of month must be 1..31, got " + d);
    if (daysOfMonth.isEmpty() && !lastDayOfMonth)
      throw new IllegalArgumentException("payday needs at least one day");
  }

  /** The 15th and the last day of each month. */
  public static Payday semiMonthly() {
    return new Payday(List.of(15), true);
  }

  /** Parses "15,last" or "10": days of month, "last" for the month's last day. */
  public static Payday parse(String spec) {
    List<Integer> days = new java.util.ArrayList<>();
    boolean last = false;
    for (String p : spec.split(",")) {
      String t = p.strip();
      if (t.isEmpty()) continue;
      if (t.equals("last")) {
        last = true;
      } else {
        try {
          days.add(Integer.parseInt(t));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "payday: '" + t + "' is neither a day of month nor 'last'");
        }
      }
    }
    return new Payday(days, last);
  }

  /** The first payday on or after {@code today}. */
  public LocalDate next(LocalDate today) {
    LocalDate best = null;
    for (int m = 0; m < 2; m++) {
      YearMonth ym = YearMonth.from(today).plusMonths(m);
      for (int d : daysOfMonth) {
        LocalDate c = ym.atDay(Math.min(d, ym.lengthOfMonth()));
        if (!c.isBefore(today) && (best == null || c.isBefore(best))) best = c;
      }
      if (lastDayOfMonth) {
        LocalDate c = ym.atEndOfMonth();
        if (!c.isBefore(today) && (best == null || c.isBefore(best))) best = c;
      }
      if (best != null) return best;
    }
    return best;
  }
}
