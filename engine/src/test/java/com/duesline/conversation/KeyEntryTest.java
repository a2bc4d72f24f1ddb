package com.duesline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyEntryTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  @Test
  void datesAreNeverInThePast() {
    assertEquals(Optional.of("2026-12-04"), KeyEntry.read("date", "1204", TODAY));
    assertEquals(Optional.of("2027-01-05"), KeyEntry.read("date", "0105", TODAY));
    assertEquals(
        Optional.of("2027-11-20"),
        KeyEntry.read("date", "1120", TODAY),
        "a day already past this year is next year's");
    assertEquals(Optional.of("2026-11-25"), KeyEntry.read("date", "1125", TODAY));
    assertEquals(Optional.of("2026-11-30"), KeyEntry.read("date", "30", TODAY));
    assertEquals(
        Optional.of("2026-12-03"),
        KeyEntry.read("date", "3", TODAY),
        "the 3rd has passed: next month's");
    assertEquals(Optional.of("2027-02-01"), KeyEntry.read("date", "20270201", TODAY));
  }

  @Test
  void nonsenseIsNotAnAnswer() {
    for (String d :
        new String[] {"1340", "0230", "1300", "32", "00", "20250101", "12345", "", "12a4"}) {
      assertEquals(Optional.empty(), KeyEntry.read("date", d, TODAY), d);
    }
    assertEquals(
        Optional.empty(), KeyEntry.read("date", "1204", null), "no caller date, no keyed date");
  }

  @Test
  void countsAndAmounts() {
    assertEquals(Optional.of("6"), KeyEntry.read("installments", "06", TODAY));
    assertEquals(Optional.of("1200"), KeyEntry.read("amount", "1200", TODAY));
    assertEquals(Optional.empty(), KeyEntry.read("installments", "1234567", TODAY));
  }
}
