package com.duesline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.duesline.cli.InputRejectedException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerParserTest {
  static final String HEADER = String.join(",", LedgerFormat.COLUMNS) + "\n";
  static final String GOOD =
      HEADER
          + "unit,A-101,,,,,,,,false,88.5,,,,\n"
          + "unit,S-1,,,,,,,,true,,,,,\n"
          + "party,A-101,A-101-O,\"Wang, Li\",owner,zh,+8613812341234,,Asia/Shanghai,,,,,,\n"
          + "party,A-101,A-101-T,Mary Smith,tenant,en,+12125550142,wrong_number,America/New_York,,,,,,\n"
          + "# a comment line\n"
          + "\n"
          + "charge,A-101,C1,,,,,,,,,2026-01,service,300.00,2026-01-01\n"
          + "charge,A-101,C2,,,,,,,,,2026-02,,300,2026-02-01\n"
          + "payment,A-101,P1,,,,,,,,,,,300.00,2026-01-03\n";

  @Test
  void parsesAGoodFile() {
    Ledger l = LedgerParser.parse("good.csv", GOOD.getBytes(StandardCharsets.UTF_8), u -> false);
    assertThat(l.units()).extracting(Ledger.Unit::code).containsExactly("A-101", "S-1");
    assertThat(l.units().get(1).commercial()).isTrue();
    assertThat(l.parties()).hasSize(2);
    assertThat(l.parties().get(0).name()).isEqualTo("Wang, Li");
    assertThat(l.parties().get(0).primary()).isTrue();
    assertThat(l.parties().get(1).primary()).isFalse();
    assertThat(l.parties().get(1).phoneStatus()).isEqualTo("wrong_number");
    assertThat(l.charges().get(1).kind()).isEqualTo("service");
    assertThat(l.payments()).hasSize(1);
  }

  @Test
  void badPhoneIsNamedByLineAndColumn() {
    assertThat(problems(GOOD.replace("+8613812341234", "+86 138 1234 1234")))
        .containsExactly(
            "t.csv:4:7: phone: '+86 138 1234 1234' is not an E.164 number ('+', country code, up to 15 digits, no spaces)");
  }

  @Test
  void unknownUnitIsAnErrorForPartiesChargesAndPayments() {
    String file =
        GOOD
            + "party,Z-9,Z-O,Ann Lee,owner,en,+12125550100,,America/Chicago,,,,,,\n"
            + "charge,Z-9,CZ,,,,,,,,,2026-01,service,10,2026-01-01\n"
            + "payment,Z-9,PZ,,,,,,,,,,,10,2026-01-02\n";
    assertThat(problems(file))
        .containsExactly(
            "t.csv:11:2: unit: unknown unit 'Z-9' (no unit record in this file or in the store)",
            "t.csv:12:2: unit: unknown unit 'Z-9' (no unit record in this file or in the store)",
            "t.csv:13:2: unit: unknown unit 'Z-9' (no unit record in this file or in the store)");
    // A unit already in the store may be referenced without a unit record.
    assertThat(
            LedgerParser.parse(
                    "t.csv",
                    (HEADER + "payment,Z-9,PZ,,,,,,,,,,,10,2026-01-02\n")
                        .getBytes(StandardCharsets.UTF_8),
                    Set.of("Z-9")::contains)
                .payments())
        .hasSize(1);
  }

  @Test
  void negativeAmountBadDateAndBadPeriod() {
    String file =
        GOOD.replace("C2,,,,,,,,,2026-02,,300,2026-02-01", "C2,,,,,,,,,2026-13,,-300,2026-02-30");
    assertThat(problems(file))
        .containsExactly(
            "t.csv:9:12: period: '2026-13' must be a month as YYYY-MM",
            "t.csv:9:14: amount: negative amount -300; amounts are 0 or more (a refund is not a payment)",
            "t.csv:9:15: date: '2026-02-30' is not a date as YYYY-MM-DD");
  }

  @Test
  void wrongColumnCount() {
    assertThat(problems(GOOD + "charge,A-101,C3,2026-03,300,2026-03-01\n"))
        .containsExactly(
            "t.csv:11:1: 6 fields, expected 15 (" + String.join(",", LedgerFormat.COLUMNS) + ")");
  }

  @Test
  void duplicateChargeIdNamesTheFirstLine() {
    assertThat(problems(GOOD + "charge,A-101,C1,,,,,,,,,2026-03,service,300.00,2026-03-01\n"))
        .containsExactly("t.csv:11:3: id: duplicate charge id 'C1' (first on line 8)");
  }

  @Test
  void nonUtf8BytesAreLocated() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(GOOD.getBytes(StandardCharsets.UTF_8));
    // "Müller" in Latin-1: 0xFC is not valid UTF-8.
    bytes.write("party,A-101,A-101-X,M".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xFC);
    bytes.write(
        "ller,owner,en,+12125550101,,Europe/London,,,,,,\n".getBytes(StandardCharsets.UTF_8));
    InputRejectedException e =
        catchThrowableOfType(
            InputRejectedException.class,
            () -> LedgerParser.parse("t.csv", bytes.toByteArray(), u -> false));
    assertThat(e.problems())
        .containsExactly(
            "t.csv:11:22: bytes are not UTF-8 (byte 0xFC at byte offset 22 of the line); save the file as UTF-8");
  }

  @Test
  void everyProblemInTheFileIsListed() {
    String file =
        GOOD.replace("+8613812341234", "12345")
            + "charge,A-101,C1,,,,,,,,,2026-03,service,x,2026-03-01\n"
            + "refund,A-101,R1,,,,,,,,,,,1,2026-01-01\n"
            + "unit,A-102,,,,,,,,maybe,,,,,\n"
            + "party,A-101,A-101-Q,Q,landlord,english,+4477009001,,Mars/Base,,,,,,\n";
    assertThat(problems(file))
        .containsExactly(
            "t.csv:4:7: phone: '12345' is not an E.164 number ('+', country code, up to 15 digits, no spaces)",
            "t.csv:11:14: amount: 'x' is not an amount like 1234.50 (digits, a dot, at most two decimals)",
            "t.csv:11:3: id: duplicate charge id 'C1' (first on line 8)",
            "t.csv:12:1: record: 'refund' is not one of unit, party, charge, payment",
            "t.csv:13:10: commercial: 'maybe' must be true or false",
            "t.csv:14:5: role: 'landlord' must be owner or tenant",
            "t.csv:14:6: language: 'english' must be a two-letter ISO 639-1 code such as en or zh",
            "t.csv:14:9: timezone: 'Mars/Base' is not an IANA time zone such as Asia/Shanghai");
  }

  @Test
  void fieldsThatDoNotBelongToARecordMustBeEmpty() {
    assertThat(problems(HEADER + "unit,A-1,,,,,,,,false,,2026-01,,,\n"))
        .containsExactly("t.csv:2:12: period: must be empty in a unit record, got '2026-01'");
  }

  @Test
  void missingHeaderIsRejected() {
    assertThat(problems("unit,A-1,,,,,,,,false,,,,,\n"))
        .singleElement()
        .asString()
        .startsWith("t.csv:1:1: the first line must be the header");
  }

  private static List<String> problems(String file) {
    InputRejectedException e =
        catchThrowableOfType(
            InputRejectedException.class,
            () -> LedgerParser.parse("t.csv", file.getBytes(StandardCharsets.UTF_8), u -> false));
    assertThat(e).as("the file should be rejected").isNotNull();
    return e.problems();
  }

  @Test
  void hostileLinesAreRefusedWithTheirPlace() throws Exception {
    // NUL byte, an unterminated quote, an extra column, a megabyte field, GBK bytes: each named,
    // nothing kept.
    String mega = "x".repeat(1_000_001);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(GOOD.getBytes(StandardCharsets.UTF_8));
    bytes.write(
        "party,A-101,A-101-N,Nu\0l,owner,en,+12125550101,,Europe/London,,,,,,\n"
            .getBytes(StandardCharsets.UTF_8));
    bytes.write(
        "party,A-101,A-101-Q,\"Wang,owner,en,+12125550101,,Europe/London,,,,,,\n"
            .getBytes(StandardCharsets.UTF_8));
    bytes.write("unit,Z-1,,,,,,,,false,,,,,,extra\n".getBytes(StandardCharsets.UTF_8));
    bytes.write(
        ("party,A-101,A-101-M," + mega + ",owner,en,+12125550101,,Europe/London,,,,,,\n")
            .getBytes(StandardCharsets.UTF_8));
    bytes.write("party,A-101,A-101-G,".getBytes(StandardCharsets.UTF_8));
    bytes.write("王小明".getBytes("GBK"));
    bytes.write(",owner,zh,+8613812341234,,Asia/Shanghai,,,,,,\n".getBytes(StandardCharsets.UTF_8));
    InputRejectedException e =
        catchThrowableOfType(
            InputRejectedException.class,
            () -> LedgerParser.parse("t.csv", bytes.toByteArray(), u -> false));
    assertThat(e.problems()).hasSize(5);
    assertThat(e.problems().get(0)).startsWith("t.csv:11:23: control character U+0000");
    assertThat(e.problems().get(1))
        .startsWith("t.csv:12:4: a quoted field opened at character 21 is never closed");
    assertThat(e.problems().get(2)).startsWith("t.csv:13:1: 16 fields, expected 15");
    assertThat(e.problems().get(3)).startsWith("t.csv:14:1: the line is").hasSizeLessThan(200);
    assertThat(e.problems().get(4)).startsWith("t.csv:15:").contains("not UTF-8").contains("GBK");
  }

  @Test
  void bomAndCrlfAreRead() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = GOOD.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    assertThat(LedgerParser.parse("t.csv", all, u -> false).rows())
        .isEqualTo(
            LedgerParser.parse("t.csv", GOOD.getBytes(StandardCharsets.UTF_8), u -> false).rows());
  }

  @Test
  void aFloodOfBadLinesListsAThousandAndCountsTheRest() {
    String bad = GOOD + "nonsense\n".repeat(5000);
    InputRejectedException e =
        catchThrowableOfType(
            InputRejectedException.class,
            () -> LedgerParser.parse("t.csv", bad.getBytes(StandardCharsets.UTF_8), u -> false));
    assertThat(e.problems()).hasSize(1001);
    assertThat(e.problems().get(1000)).isEqualTo("t.csv: ... and 4000 more problems");
  }

  @Test
  void piecesReadInParallelGiveTheSameLedgerAsOnePass() throws Exception {
    byte[] sample;
    try (var in =
        getClass().getClassLoader().getResourceAsStream("library/ledgers/sample-estate.csv")) {
      sample = in.readAllBytes();
    }
    Ledger one = LedgerParser.parse("s.csv", sample, u -> false, 1);
    for (int parts : new int[] {2, 3, 7}) {
      Ledger split = LedgerParser.parse("s.csv", sample, u -> false, parts);
      // Records are values: equal lists mean the same rows, in file order, with the same primary
      // party per unit.
      assertThat(split).as(parts + " pieces").isEqualTo(one);
    }
    assertThat(one.parties().stream().filter(Ledger.Party::primary).count())
        .isEqualTo(one.units().size());
  }

  @Test
  void problemsAcrossPiecesAreFoundAsInOnePass() {
    // A duplicate and a unit declared only late in the file: wherever the pieces are cut, the same
    // problems.
    String file =
        GOOD
            + "charge,A-101,C1,,,,,,,,,2026-03,service,300.00,2026-03-01\n"
            + "party,B-7,B-7-O,Bo,owner,en,+12125550199,,America/Chicago,,,,,,\n"
            + "charge,Z-9,CZ,,,,,,,,,2026-01,service,10,2026-01-01\n"
            + "unit,B-7,,,,,,,,false,,,,,\n"
            + "unit,A-101,,,,,,,,false,,,,,\n";
    byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
    List<String> one =
        catchThrowableOfType(
                InputRejectedException.class,
                () -> LedgerParser.parse("t.csv", bytes, u -> false, 1))
            .problems();
    assertThat(one)
        .containsExactlyInAnyOrder(
            "t.csv:11:3: id: duplicate charge id 'C1' (first on line 8)",
            "t.csv:13:2: unit: unknown unit 'Z-9' (no unit record in this file or in the store)",
            "t.csv:15:2: unit: duplicate unit 'A-101' (first on line 2)");
    for (int parts = 2; parts <= 9; parts++) {
      int n = parts;
      assertThat(
              catchThrowableOfType(
                      InputRejectedException.class,
                      () -> LedgerParser.parse("t.csv", bytes, u -> false, n))
                  .problems())
          .as(parts + " pieces")
          .containsExactlyInAnyOrderElementsOf(one);
    }
  }
}
