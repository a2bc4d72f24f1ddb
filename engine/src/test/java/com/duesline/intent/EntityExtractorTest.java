package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Entity extraction, table-driven. Every row states the whole expected map: extra entities fail the
 * row too.
 */
class EntityExtractorTest {
  /** A Wednesday; its month has 30 days, payday (15th / last day) next falls on the 30th. */
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  private static final EntityExtractor EXTRACTOR = new EntityExtractor();

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      en | i'll pay it on friday                     | date=2026-11-27
      en | next friday                               | date=2026-12-04
      en | this friday                               | date=2026-11-27
      en | tuesday january sixth                     | date=2027-01-06
      en | i'll pay friday the fifth                 | date=2026-12-05
      en | monday december seventh                   | date=2026-12-07
      en | friday may be better                      | date=2026-11-27
      en | i can pay on wednesday                    | date=2026-12-02
      en | tomorrow                                  | date=2026-11-26
      en | i'll pay today                            | date=2026-11-25
      en | the day after tomorrow                    | date=2026-11-27
      en | the fifteenth                             | date=2026-12-15
      en | on the 28th                               | date=2026-11-28
      en | by the thirtieth                          | date=2026-11-30
      en | i'll pay on the first                     | date=2026-12-01
      en | on the twenty first                       | date=2026-12-21
      en | after payday                              | date=2026-11-30
      en | um when i get paid                        | date=2026-11-30
      en | by the end of the month                   | date=2026-11-30
      en | end of next month                         | date=2026-12-31
      en | sometime next week                        | date=2026-11-30
      en | next month                                | date=2026-12-01
      en | in three days                             | date=2026-11-28
      en | in a couple of days                       | date=2026-11-27
      en | in two weeks                              | date=2026-12-09
      en | december fifth                            | date=2026-12-05
      en | two hundred dollars on december for       | amount=200.00;date=2026-12-04
      en | in december for the holidays              |
      en | the tenth of january                      | date=2027-01-10
      en | october 3                                 | date=2027-10-03
      en | two hundred and fifty                     | amount=250.00
      en | i can pay 2,500                           | amount=2500.00
      en | i'll send $300                            | amount=300.00
      en | i can pay two fifty on the first          | amount=250.00;date=2026-12-01
      en | a hundred dollars                         | amount=100.00
      en | one thousand two hundred                  | amount=1200.00
      en | fifty bucks                               | amount=50.00
      en | five dollars                              | amount=5.00
      en | i'll pay 99.50 tonight                    | amount=99.50;date=2026-11-25
      en | can i pay it over three months            | installments=3
      en | split it into six payments                | installments=6
      en | twelve installments                       | installments=12
      en | half now and half next month              | installments=2;date=2026-12-01
      en | i'll pay in three months                  | date=2027-02-25
      en | yes                                       | yes_no=yes
      en | yeah that's me                            | yes_no=yes
      en | no                                        | yes_no=no
      en | nope                                      | yes_no=no
      en | um no i already paid                      | yes_no=no
      en | not really                                | yes_no=no
      en | no one lives there                        |
      en | call me back in ten minutes               |
      en | i'll pay three hundred on the fifth       | amount=300.00;date=2026-12-05
      en | sure i'll pay five hundred on monday      | yes_no=yes;amount=500.00;date=2026-11-30
      en | what's the weather                        |
      en | i can do a hundred a month                | amount=100.00
      en | twenty five hundred                       | amount=2500.00
      en | i don't agree                             | yes_no=no
      zh | 月底                                       | date=2026-11-30
      zh | 下周五                                     | date=2026-12-04
      zh | 十五号                                     | date=2026-12-15
      zh | 我周五交                                   | date=2026-11-27
      zh | 这周五                                     | date=2026-11-27
      zh | 明天                                       | date=2026-11-26
      zh | 后天交                                     | date=2026-11-27
      zh | 下个月五号                                 | date=2026-12-05
      zh | 十二月十号                                 | date=2026-12-10
      zh | 三天后                                     | date=2026-11-28
      zh | 发了工资就交                               | date=2026-11-30
      zh | 下个月底                                   | date=2026-12-31
      zh | 两千五                                     | amount=2500.00
      zh | 三百块                                     | amount=300.00
      zh | 我先交两千剩下的下个月交                   | amount=2000.00;date=2026-12-01
      zh | 一万二                                     | amount=12000.00
      zh | 2500元                                     | amount=2500.00
      zh | 每平米五块五太贵了                         | amount=5.50
      zh | 分六期                                     | installments=6
      zh | 能分三个月交吗                             | installments=3
      zh | 分两次交                                   | installments=2
      zh | 十二期                                     | installments=12
      zh | 是的                                       | yes_no=yes
      zh | 不是                                       | yes_no=no
      zh | 嗯 对 我是                                 | yes_no=yes
      zh | 不行                                       | yes_no=no
      zh | 可以分期吗                                 |
      zh | 我 下 个 星期 交                           | date=2026-11-30
      zh | 一千零五十块                               | amount=1050.00
      zh | 十号交五百                                 | date=2026-12-10;amount=500.00
      zh | 下礼拜一                                   | date=2026-11-30
      zh | 15号交2,500                                | date=2026-12-15;amount=2500.00
      en | i paid it yesterday                       | date=2026-11-24
      en | we paid last friday                       | date=2026-11-20
      zh | 昨天就交过了                               | date=2026-11-24
      zh | 上周五交的                                 | date=2026-11-20
      zh | 前天交了三百                               | date=2026-11-23;amount=300.00
      """)
  void extracts(String lang, String text, String expected) {
    assertThat(EXTRACTOR.extract(text, lang, TODAY)).isEqualTo(parse(expected));
  }

  @org.junit.jupiter.api.Test
  void paydayIsConfigurable() {
    EntityExtractor tenth = new EntityExtractor(Payday.parse("10"));
    assertThat(tenth.extract("after payday", "en", TODAY)).containsEntry("date", "2026-12-10");
    assertThat(tenth.extract("发了工资就交", "zh", LocalDate.of(2026, 11, 10)))
        .containsEntry("date", "2026-11-10");
    assertThat(
            new EntityExtractor(Payday.parse("15, last"))
                .extract("when i get paid", "en", LocalDate.of(2026, 2, 16)))
        .containsEntry("date", "2026-02-28");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Payday.parse("fifteenth"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fifteenth");
  }

  private static Map<String, String> parse(String spec) {
    Map<String, String> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) return out;
    for (String kv : spec.split(";")) {
      String[] p = kv.split("=", 2);
      out.put(p[0].strip(), p[1].strip());
    }
    return out;
  }
}
