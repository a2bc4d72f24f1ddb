package com.duesline.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A parsed, validated ledger file: units, parties, charges and payments in file order. */
public record Ledger(
    List<Unit> units, List<Party> parties, List<Charge> charges, List<Payment> payments) {
  /** A unit (the account): {@code area} may be null. */
  public record Unit(String code, boolean commercial, BigDecimal area) {}

  /**
   * An owner or tenant of {@code unit} with one phone; {@code primary} is the first party listed
   * for the unit.
   */
  public record Party(
      String unit,
      String id,
      String name,
      String role,
      String language,
      String phone,
      String phoneStatus,
      String timezone,
      boolean primary) {}

  /** A charge for one period, due on {@code due}. */
  public record Charge(
      String unit, String id, String period, String kind, BigDecimal amount, LocalDate due) {}

  /** A payment received on {@code paidOn}. */
  public record Payment(String unit, String id, BigDecimal amount, LocalDate paidOn) {}

  /** Total rows of every kind. */
  public int rows() {
    return units.size() + parties.size() + charges.size() + payments.size();
  }
}
