package com.duesline.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseReadingTest {
  private final ChineseReading zh = new ChineseReading();

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "0, 零",
    "1, 一",
    "2, 二",
    "9, 九",
    "10, 十",
    "11, 十一",
    "12, 十二",
    "19, 十九",
    "20, 二十",
    "21, 二十一",
    "99, 九十九",
    "100, 一百",
    "101, 一百零一",
    "110, 一百一十",
    "111, 一百一十一",
    "120, 一百二十",
    "999, 九百九十九",
    "1000, 一千",
    "1001, 一千零一",
    "1010, 一千零一十",
    "1100, 一千一百",
    "1011, 一千零一十一",
    "1800, 一千八百",
    "2026, 二千零二十六",
    "9999, 九千九百九十九",
    "10000, 一万",
    "10005, 一万零五",
    "10010, 一万零一十",
    "10100, 一万零一百",
    "11000, 一万一千",
    "12345, 一万二千三百四十五",
    "100000, 十万",
    "100010, 十万零一十",
    "100100, 十万零一百",
    "101000, 十万一千",
    "110000, 十一万",
    "1000000, 一百万",
    "1000001, 一百万零一",
    "10000000, 一千万",
    "10010000, 一千零一万",
    "100000000, 一亿",
    "100000001, 一亿零一",
    "100010000, 一亿零一万",
    "120000000, 一亿二千万",
    "1000000000, 十亿",
    "999999999999, 九千九百九十九亿九千九百九十九万九千九百九十九"
  })
  void numbers(long n, String expected) {
    assertEquals(expected, String.join("", zh.number(n)));
  }

  @ParameterizedTest(name = "{0} 元 → {1}")
  @CsvSource({
    "1800.50, 一千八百元五角",
    "1800.00, 一千八百元",
    "1800, 一千八百元",
    "1800.05, 一千八百元零五分",
    "1800.55, 一千八百元五角五分",
    "0.05, 五分",
    "0.50, 五角",
    "0.55, 五角五分",
    "0.00, 零元",
    "1.00, 一元",
    "10.10, 十元一角",
    "12.5, 十二元五角",
    "10005.01, 一万零五元零一分",
    "1250.555, 一千二百五十元五角六分",
    "100000.00, 十万元",
    "2675.30, 二千六百七十五元三角"
  })
  void money(String amount, String expected) {
    assertEquals(expected, String.join("", zh.money(new BigDecimal(amount))));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "2026-05-01, 二零二六年五月一日",
    "2026-12-31, 二零二六年十二月三十一日",
    "2000-10-10, 二零零零年十月十日",
    "2027-01-20, 二零二七年一月二十日",
    "2026-11-15, 二零二六年十一月十五日"
  })
  void dates(String date, String expected) {
    assertEquals(expected, String.join("", zh.date(LocalDate.parse(date))));
  }

  @Test
  void digitsWeekdaysAndTheClipSet() {
    assertEquals("零二一二零三", String.join("", zh.digits("B02-1203")));
    assertEquals("五五五零一零零", String.join("", zh.digits("555 0100")));
    assertEquals("星期一", String.join("", zh.weekday(DayOfWeek.MONDAY)));
    assertEquals("星期日", String.join("", zh.weekday(DayOfWeek.SUNDAY)));
    assertEquals(22, zh.words().size());
    // Every word any reading produces is in the clip set, so a complete voice can say every value.
    for (long n = 0; n < 200_000; n += 7)
      assertTrue(zh.words().containsAll(zh.number(n)), () -> "words miss a token of a number");
    assertTrue(zh.words().containsAll(zh.money(new BigDecimal("98765.43"))));
    assertTrue(zh.words().containsAll(zh.date(LocalDate.of(2026, 5, 1))));
    for (DayOfWeek d : DayOfWeek.values()) assertTrue(zh.words().containsAll(zh.weekday(d)));
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThrows(IllegalArgumentException.class, () -> zh.number(-1));
    assertThrows(IllegalArgumentException.class, () -> zh.number(1_000_000_000_000L));
    assertThrows(IllegalArgumentException.class, () -> zh.money(new BigDecimal("-3")));
    assertThrows(IllegalArgumentException.class, () -> Reading.of("fr"));
  }
}
