package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.config.DueslineConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dialer limits come from configuration, overridable by environment, and refuse impossible values.
 */
class DialerLimitsTest {
  @Test
  void readsDefaultsAndOverrides() {
    DialerLimits d = DialerLimits.from(DueslineConfig.load(null, k -> null));
    assertThat(d).isEqualTo(new DialerLimits(1, 10, Duration.ofSeconds(30)));
    Map<String, String> env = Map.of("DUESLINE_DIALER_CHANNELS", "3", "DUESLINE_CARRIER_CPS", "5");
    assertThat(DialerLimits.from(DueslineConfig.load(null, env::get)))
        .isEqualTo(new DialerLimits(5, 3, Duration.ofSeconds(30)));
    assertThatThrownBy(
            () ->
                DialerLimits.from(
                    DueslineConfig.load(null, Map.of("DUESLINE_DIALER_CHANNELS", "0")::get)))
        .hasMessageContaining("channels must be at least 1");
  }
}
