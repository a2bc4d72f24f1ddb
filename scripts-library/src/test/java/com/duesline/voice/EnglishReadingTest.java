package com.duesline.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishReadingTest {
  private final EnglishReading en = new EnglishReading();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0, zero",
    "12, twelve",
    "20, twenty",
    "101, one hundred one",
    "1010, one thousand ten",
    "10005, ten thousand five",
    "100000, one hundred thousand",
    "1000001, one million one"
  })
  void numbers(long n, String expected) {
    assertEquals(expected, String.join(" ", en.number(n)));
    assertTrue(en.words().containsAll(en.number(n)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "1800.50, one thousand eight hundred dollars and fifty cents",
    "1.00, one dollar",
    "0.05, five cents",
    "0.01, one cent",
    "1250.00, one thousand two hundred fifty dollars"
  })
  void money(String amount, String expected) {
    assertEquals(expected, String.join(" ", en.money(new BigDecimal(amount))));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2026-05-01, may first twenty twenty six",
    "2026-12-22, december twenty second twenty twenty six",
    "2005-03-30, march thirtieth two thousand five",
    "1907-07-04, july fourth nineteen oh seven",
    "2000-01-11, january eleventh two thousand"
  })
  void dates(String date, String expected) {
    assertEquals(expected, String.join(" ", en.date(LocalDate.parse(date))));
    assertTrue(en.words().containsAll(en.date(LocalDate.parse(date))));
  }
}
