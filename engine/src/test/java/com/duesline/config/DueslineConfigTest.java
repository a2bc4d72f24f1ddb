package com.duesline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DueslineConfigTest {
  @Test
  void defaultsThenFileThenEnvironment(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("over.yaml");
    Files.writeString(file, "http:\n  port: 9000\nstore:\n  pool-size: 3\n");
    Map<String, String> env = Map.of("DUESLINE_STORE_POOL_SIZE", "5");
    DueslineConfig config = DueslineConfig.load(file, env::get);
    assertThat(config.getInt("http.port")).isEqualTo(9000);
    assertThat(config.getInt("store.pool-size")).isEqualTo(5);
    assertThat(config.get("carrier.kind")).isEqualTo("local");
  }

  @Test
  void unknownKeyInFileIsRejectedWithItsName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "http:\n  prot: 9000\n");
    assertThatThrownBy(() -> DueslineConfig.load(file, k -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.prot");
  }

  @Test
  void wrongTypeNamesTheKey() {
    DueslineConfig config =
        DueslineConfig.load(null, k -> k.equals("DUESLINE_HTTP_PORT") ? "eighty" : null);
    assertThatThrownBy(() -> config.getInt("http.port"))
        .hasMessageContaining("http.port")
        .hasMessageContaining("eighty");
  }

  @Test
  void secretsComeFromEnvironmentOrFileAndNeverPrint(@TempDir Path dir) throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "s3cr3t\n");
    Secrets secrets = new Secrets(Map.of("TWILIO_AUTH_TOKEN_FILE", tokenFile.toString())::get);
    Secrets.Secret token = secrets.get("TWILIO_AUTH_TOKEN").orElseThrow();
    assertThat(token.value()).isEqualTo("s3cr3t");
    assertThat(token.toString()).doesNotContain("s3cr3t");
    assertThat(new Secrets(k -> null).get("TWILIO_AUTH_TOKEN")).isEmpty();
  }
}
