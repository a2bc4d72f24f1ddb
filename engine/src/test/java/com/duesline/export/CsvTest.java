package com.duesline.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void formulasAreDefusedAndNumbersAreNot() {
    assertThat(Csv.cell("=HYPERLINK(\"http://evil\",\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    assertThat(Csv.cell("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
    assertThat(Csv.cell("-2+3")).isEqualTo("'-2+3");
    assertThat(Csv.cell("@SUM(A1:A2)")).isEqualTo("'@SUM(A1:A2)");
    assertThat(Csv.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(Csv.cell("-12.50")).isEqualTo("-12.50");
    assertThat(Csv.cell("+12125550142")).isEqualTo("+12125550142");
    assertThat(Csv.cell("Wang, Li")).isEqualTo("\"Wang, Li\"");
    assertThat(Csv.cell("")).isEmpty();
    assertThat(Csv.cell(null)).isEmpty();
    assertThat(Csv.row(List.of("a", "=1", "b\"c"))).isEqualTo("a,'=1,\"b\"\"c\"");
  }

  @Test
  void theLedgerFieldIsNotDefused() {
    assertThat(Csv.field("+8613812341234")).isEqualTo("+8613812341234");
    assertThat(Csv.field("=x")).isEqualTo("=x");
  }
}
