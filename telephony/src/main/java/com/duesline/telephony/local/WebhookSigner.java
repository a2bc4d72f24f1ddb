package com.duesline.telephony.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks the way Twilio does ({@code X-Twilio-Signature}): HMAC-SHA1 with the auth token
 * over the full URL followed by every POST parameter name and value, sorted by name, then Base64.
 * The SDK has only the validating half, so the local carrier carries this half.
 */
public final class WebhookSigner {
  private final SecretKeySpec key;

  public WebhookSigner(String authToken) {
    this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
  }

  /**
   * The signature of a request to {@code url} with form {@code params} (empty for GET and WebSocket
   * upgrades).
   */
  public String sign(String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(key);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
