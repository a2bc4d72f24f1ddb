package com.duesline.carrier;

import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
import com.duesline.config.Secrets;
import com.duesline.telephony.twilio.TwilioSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The {@code carrier:} configuration resolved against the environment: which carrier, the Twilio
 * account, the public URL webhooks are signed against, caller IDs, CPS and the local carrier's
 * settings.
 *
 * @param kind {@code local} or {@code twilio}
 * @param callerIds the caller-ID numbers, the default first
 */
public record CarrierSettings(
    String kind,
    TwilioSettings twilio,
    List<String> callerIds,
    int localPort,
    Path personasDir,
    int ringMillis) {

  /** The account the local carrier uses when none is configured; it never leaves loopback. */
  public static final String LOCAL_ACCOUNT = "AC00000000000000000000000000000000";

  /** The token the local carrier signs with when TWILIO_AUTH_TOKEN is unset; loopback only. */
  static final String LOCAL_TOKEN = "duesline-local-carrier";

  /**
   * Resolves settings; a Twilio carrier without account, token or an https public URL is a
   * configuration error.
   */
  public static CarrierSettings resolve(
      DueslineConfig config, Secrets secrets, UnaryOperator<String> env) {
    String kind = config.get("carrier.kind").trim().toLowerCase(Locale.ROOT);
    if (!kind.equals("local") && !kind.equals("twilio"))
      throw new ConfigException("carrier.kind must be local or twilio, got '" + kind + "'");
    String account =
        config.optional("carrier.account-sid").orElse(orEmpty(env.apply("TWILIO_ACCOUNT_SID")));
    String publicUrl = orEmpty(env.apply("DUESLINE_PUBLIC_URL"));
    if (publicUrl.isBlank())
      publicUrl = config.optional("carrier.public-url").orElse(config.get("http.public-url"));
    var token = secrets.get("TWILIO_AUTH_TOKEN");
    if (kind.equals("twilio")) {
      if (account.isBlank())
        throw new ConfigException(
            "carrier twilio needs an account SID: set TWILIO_ACCOUNT_SID or carrier.account-sid");
      if (token.isEmpty())
        throw new ConfigException(
            "carrier twilio needs TWILIO_AUTH_TOKEN (or TWILIO_AUTH_TOKEN_FILE) in the environment");
      if (!publicUrl.startsWith("https://"))
        throw new ConfigException(
            "carrier twilio needs an https public URL (DUESLINE_PUBLIC_URL), got '"
                + publicUrl
                + "'");
      String unusable = unusablePublicUrl(publicUrl);
      if (unusable != null)
        throw new ConfigException(
            "carrier twilio cannot use the public URL '" + publicUrl + "': " + unusable);
    }
    if (account.isBlank()) account = LOCAL_ACCOUNT;
    String authToken = token.map(Secrets.Secret::value).orElse(LOCAL_TOKEN);
    List<String> callerIds = new ArrayList<>();
    callerIds.add(config.get("carrier.caller-id").trim());
    for (String extra : config.get("carrier.caller-ids").split(","))
      if (!extra.isBlank()) callerIds.add(extra.trim());
    for (String id : callerIds) {
      if (!id.matches("\\+[1-9]\\d{6,14}"))
        throw new ConfigException("carrier caller ID '" + id + "' is not E.164 (+15550100000)");
    }
    double cps = config.getDouble("carrier.cps");
    TwilioSettings twilio;
    try {
      twilio = new TwilioSettings(account, authToken, publicUrl, cps);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("carrier: " + e.getMessage());
    }
    Path personas =
        config
            .optional("carrier.local.personas")
            .map(Path::of)
            .orElse(Path.of("scripts-library", "library", "personas"));
    return new CarrierSettings(
        kind,
        twilio,
        List.copyOf(callerIds),
        config.getInt("carrier.local.port"),
        personas,
        config.getInt("carrier.local.ring-ms"));
  }

  /**
   * Why Twilio could not reach webhooks under {@code url}, or null: it must parse, name a host that
   * is not loopback, private or link-local (Twilio calls from the internet), and carry no query or
   * fragment (webhook paths are appended to it and signatures are computed over the whole URL).
   */
  static String unusablePublicUrl(String url) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      return "it is not a URL (" + e.getReason() + ")";
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) return "it names no host";
    if (uri.getRawQuery() != null || uri.getRawFragment() != null)
      return "it has a query or fragment; give the base URL only";
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local"))
      return "'" + host + "' is not reachable from the internet";
    if (h.matches("[0-9.]+") || h.startsWith("[")) {
      try {
        var address = java.net.InetAddress.getByName(h.replace("[", "").replace("]", ""));
        if (address.isLoopbackAddress()
            || address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()) {
          return host + " is a loopback or private address Twilio cannot reach";
        }
      } catch (java.net.UnknownHostException e) {
        return "'" + host + "' is not an address";
      }
    }
    return null;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
