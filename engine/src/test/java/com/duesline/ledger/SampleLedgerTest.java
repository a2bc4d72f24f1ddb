package com.duesline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringWriter;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped sample ledger: reproducible from its seed, valid, and as varied as the issue asks.
 */
class SampleLedgerTest {
  @Test
  void shippedSampleIsExactlyWhatTheSeedGenerates() throws Exception {
    StringWriter w = new StringWriter();
    SampleLedgerGenerator.sample().write(w);
    byte[] shipped;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("library/ledgers/sample-estate.csv")) {
      assertThat(in).as("sample-estate.csv on the classpath").isNotNull();
      shipped = in.readAllBytes();
    }
    assertThat(new String(shipped, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(w.toString());
  }

  @Test
  void sampleIsValidAndMixed() throws Exception {
    byte[] bytes;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("library/ledgers/sample-estate.csv")) {
      bytes = in.readAllBytes();
    }
    Ledger l = LedgerParser.parse("sample-estate.csv", bytes, u -> false);
    assertThat(l.units()).hasSizeGreaterThanOrEqualTo(500);
    assertThat(l.units().stream().filter(Ledger.Unit::commercial).count()).isBetween(30L, 120L);
    Set<String> zones =
        l.parties().stream().map(Ledger.Party::timezone).collect(Collectors.toSet());
    assertThat(zones)
        .contains(
            "Asia/Shanghai",
            "America/New_York",
            "America/Chicago",
            "America/Los_Angeles",
            "Europe/London");
    assertThat(l.parties().stream().map(Ledger.Party::language).collect(Collectors.toSet()))
        .contains("en", "zh");
    assertThat(l.parties().stream().filter(p -> !p.phoneStatus().equals("ok")).count())
        .isGreaterThan(10);
    assertThat(l.parties().stream().anyMatch(p -> p.role().equals("tenant"))).isTrue();
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherBytes() throws Exception {
    assertThat(generate(5)).isEqualTo(generate(5)).isNotEqualTo(generate(6));
  }

  private static String generate(long seed) throws Exception {
    StringWriter w = new StringWriter();
    new SampleLedgerGenerator(seed, 50, 6, java.time.YearMonth.of(2026, 1)).write(w);
    return w.toString();
  }
}
