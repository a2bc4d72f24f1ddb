package com.duesline.telephony.twilio;

import java.util.Objects;

/**
 * What the Twilio adapter needs to know.
 *
 * @param accountSid the account ({@code AC...})
 * @param authToken the secret that signs webhooks and authenticates REST calls; never printed
 * @param publicUrl the engine's base URL as Twilio reaches it (e.g. {@code
 *     https://duesline.example.com}); webhook signatures are computed over it, so it must be
 *     exactly what Twilio calls
 * @param callsPerSecond the account's outbound call rate limit (CPS)
 */
public record TwilioSettings(
    String accountSid, String authToken, String publicUrl, double callsPerSecond) {
  public TwilioSettings {
    Objects.requireNonNull(accountSid, "accountSid");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (!accountSid.startsWith("AC"))
      throw new IllegalArgumentException("account SID must start with AC");
    if (authToken.isBlank())
      throw new IllegalArgumentException("auth token is empty (set TWILIO_AUTH_TOKEN)");
    if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
      throw new IllegalArgumentException(
          "public URL must start with http:// or https://, got '" + publicUrl + "'");
    }
    if (callsPerSecond <= 0)
      throw new IllegalArgumentException(
          "calls per second must be positive, got " + callsPerSecond);
    publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** The public URL of a webhook path, e.g. {@code url("/twilio/status")}. */
  public String url(String path) {
    return publicUrl + path;
  }

  /**
   * The public WebSocket URL of a path: {@code https} becomes {@code wss}, {@code http} becomes
   * {@code ws}.
   */
  public String wsUrl(String path) {
    return publicUrl.replaceFirst("^http", "ws") + path;
  }

  @Override
  public String toString() {
    return "TwilioSettings[accountSid="
        + accountSid
        + ", authToken=****, publicUrl="
        + publicUrl
        + ", cps="
        + callsPerSecond
        + "]";
  }
}
