package com.duesline.telephony.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a local carrier runs.
 *
 * @param accountSid the account the SDK authenticates as
 * @param authToken checks REST Basic auth and signs webhooks, like Twilio's
 * @param port loopback port for the REST API (0: any free port)
 * @param engineUrl the engine's public base URL, where inbound SMS are delivered ({@code
 *     /twilio/sms})
 * @param ringMillis length of one ring (6000 on real lines; tests shorten it)
 * @param amdHumanMillis how long AMD takes to decide a human answered
 * @param personas the simulated phones, keyed by their numbers
 * @param voice how personas' words become audio
 * @param recordingsDir where recorded calls are written ({@code RE....wav})
 */
public record LocalCarrierOptions(
    String accountSid,
    String authToken,
    int port,
    String engineUrl,
    int ringMillis,
    int amdHumanMillis,
    List<Persona> personas,
    PersonaVoice voice,
    Path recordingsDir) {
  /** Recordings go to {@code duesline-recordings} under the system's temporary directory. */
  public LocalCarrierOptions(
      String accountSid,
      String authToken,
      int port,
      String engineUrl,
      int ringMillis,
      int amdHumanMillis,
      List<Persona> personas,
      PersonaVoice voice) {
    this(
        accountSid,
        authToken,
        port,
        engineUrl,
        ringMillis,
        amdHumanMillis,
        personas,
        voice,
        Path.of(System.getProperty("java.io.tmpdir"), "duesline-recordings"));
  }

  public LocalCarrierOptions {
    Objects.requireNonNull(recordingsDir, "recordingsDir");
    Objects.requireNonNull(accountSid, "accountSid");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(engineUrl, "engineUrl");
    personas = List.copyOf(personas);
    Objects.requireNonNull(voice, "voice");
    engineUrl =
        engineUrl.endsWith("/") ? engineUrl.substring(0, engineUrl.length() - 1) : engineUrl;
  }

  @Override
  public String toString() {
    return "LocalCarrierOptions[accountSid="
        + accountSid
        + ", authToken=****, port="
        + port
        + ", engineUrl="
        + engineUrl
        + ", personas="
        + personas.size()
        + "]";
  }
}
