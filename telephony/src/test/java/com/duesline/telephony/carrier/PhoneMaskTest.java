package com.duesline.telephony.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneMaskTest {
  @ParameterizedTest
  @CsvSource({
    "+8613812341234, +86•••••••1234",
    "+12125550142, +1••••••0142",
    "+447700900123, +44••••••0123",
    "+85291234567, +852••••4567",
    "+3531234567, +353•••4567",
  })
  void keepsCountryCodeAndLastFourDigits(String e164, String masked) {
    assertThat(PhoneMask.mask(e164)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({"138 1234 1234", "12345678", "+86-138"})
  void neverRevealsMoreThanTwoCharactersOfAnythingElse(String raw) {
    String masked = PhoneMask.mask(raw);
    assertThat(masked).hasSize(raw.length());
    assertThat(masked.replace("•", "")).hasSizeLessThanOrEqualTo(2);
  }
}
