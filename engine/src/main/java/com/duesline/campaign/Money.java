package com.duesline.campaign;

import com.duesline.policy.DataProblems;
import com.duesline.policy.LocatedYaml;
import java.math.BigDecimal;

/** Amounts in data files ("5000", "5,000.50") as cents, with the position named on error. */
final class Money {
  private Money() {}

  static long cents(LocatedYaml node) {
    String t = node.text().trim().replace(",", "").replace("_", "");
    try {
      BigDecimal v = new BigDecimal(t);
      if (v.signum() < 0)
        throw new DataProblems(
            node.where() + ": an amount cannot be negative, got '" + node.text() + "'");
      return v.movePointRight(2).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new DataProblems(
          node.where() + ": expected an amount like 5000 or 5000.50, got '" + node.text() + "'");
    }
  }

  static String format(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }
}
