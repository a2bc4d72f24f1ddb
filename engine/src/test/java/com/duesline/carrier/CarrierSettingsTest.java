package com.duesline.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
import com.duesline.config.Secrets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarrierSettingsTest {
  private static CarrierSettings resolve(Map<String, String> env) {
    return CarrierSettings.resolve(
        DueslineConfig.load(null, env::get), new Secrets(env::get), env::get);
  }

  @Test
  void localIsTheDefaultAndNeedsNoSecrets() {
    CarrierSettings s = resolve(Map.of());
    assertThat(s.kind()).isEqualTo("local");
    assertThat(s.twilio().accountSid()).isEqualTo(CarrierSettings.LOCAL_ACCOUNT);
    assertThat(s.twilio().publicUrl()).isEqualTo("http://localhost:8080");
    assertThat(s.callerIds()).containsExactly("+15550100000");
  }

  @Test
  void twilioTakesAccountTokenAndPublicUrlFromTheEnvironment() {
    CarrierSettings s =
        resolve(
            Map.of(
                "DUESLINE_CARRIER_KIND",
                "twilio",
                "TWILIO_ACCOUNT_SID",
                "AC123",
                "TWILIO_AUTH_TOKEN",
                "s3cret",
                "DUESLINE_PUBLIC_URL",
                "https://duesline.example.com/",
                "DUESLINE_CARRIER_CALLER_IDS",
                "+15550100001, +15550100002",
                "DUESLINE_CARRIER_CPS",
                "5"));
    assertThat(s.twilio().accountSid()).isEqualTo("AC123");
    assertThat(s.twilio().authToken()).isEqualTo("s3cret");
    assertThat(s.twilio().toString()).doesNotContain("s3cret");
    assertThat(s.twilio().url("/twilio/status"))
        .isEqualTo("https://duesline.example.com/twilio/status");
    assertThat(s.twilio().callsPerSecond()).isEqualTo(5);
    assertThat(s.callerIds()).containsExactly("+15550100000", "+15550100001", "+15550100002");
  }

  @Test
  void twilioWithoutTokenOrHttpsUrlIsRefusedWithTheReason() {
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "DUESLINE_CARRIER_KIND",
                        "twilio",
                        "TWILIO_ACCOUNT_SID",
                        "AC1",
                        "DUESLINE_PUBLIC_URL",
                        "https://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TWILIO_AUTH_TOKEN");
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of(
                        "DUESLINE_CARRIER_KIND",
                        "twilio",
                        "TWILIO_ACCOUNT_SID",
                        "AC1",
                        "TWILIO_AUTH_TOKEN",
                        "t")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("https public URL");
    assertThatThrownBy(() -> resolve(Map.of("DUESLINE_CARRIER_KIND", "pigeon")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("local or twilio");
    assertThatThrownBy(() -> resolve(Map.of("DUESLINE_CARRIER_CALLER_IDS", "5550100")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not E.164");
  }

  @Test
  void twilioWithAPublicUrlItCannotReachIsRefusedWithTheReason() {
    for (var bad :
        Map.of(
                "https://localhost:8443",
                "not reachable",
                "https://127.0.0.1",
                "loopback or private",
                "https://10.1.2.3/",
                "loopback or private",
                "https://duesline.example.com/?x=1",
                "query or fragment",
                "https://pbx.local",
                "not reachable",
                "https:// spaced",
                "not a URL")
            .entrySet()) {
      assertThatThrownBy(
              () ->
                  resolve(
                      Map.of(
                          "DUESLINE_CARRIER_KIND",
                          "twilio",
                          "TWILIO_ACCOUNT_SID",
                          "AC1",
                          "TWILIO_AUTH_TOKEN",
                          "t",
                          "DUESLINE_PUBLIC_URL",
                          bad.getKey())))
          .as(bad.getKey())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("cannot use the public URL")
          .hasMessageContaining(bad.getValue());
    }
    assertThat(CarrierSettings.unusablePublicUrl("https://duesline.example.com/base")).isNull();
  }
}
