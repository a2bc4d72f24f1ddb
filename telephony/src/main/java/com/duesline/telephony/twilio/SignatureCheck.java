package com.duesline.telephony.twilio;

import com.twilio.security.RequestValidator;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates {@code X-Twilio-Signature} with the SDK's {@link RequestValidator} against the
 * configured public URL (not the Host header, which a proxy or attacker controls). A failure
 * answers 403 and counts it; the caller must then do nothing else with the request.
 */
final class SignatureCheck {
  static final String HEADER = "X-Twilio-Signature";
  private final RequestValidator validator;
  private final TwilioSettings settings;
  private final TelephonyMetrics metrics;

  SignatureCheck(TwilioSettings settings, TelephonyMetrics metrics) {
    this.validator = new RequestValidator(settings.authToken());
    this.settings = settings;
    this.metrics = metrics;
  }

  /** For form-encoded webhooks: true when valid; otherwise the 403 is already sent. */
  boolean formRequestIsValid(RoutingContext ctx, String path) {
    Map<String, String> params = new HashMap<>();
    ctx.request().formAttributes().forEach(e -> params.put(e.getKey(), e.getValue()));
    return check(ctx, path, settings.url(pathWithQuery(ctx, path)), params);
  }

  /** For the WebSocket upgrade: Twilio signs the {@code wss://} URL with no parameters. */
  boolean upgradeIsValid(RoutingContext ctx, String path) {
    return check(ctx, path, settings.wsUrl(pathWithQuery(ctx, path)), Map.of());
  }

  private boolean check(RoutingContext ctx, String path, String url, Map<String, String> params) {
    String signature = ctx.request().getHeader(HEADER);
    if (signature != null && !signature.isBlank() && validator.validate(url, params, signature))
      return true;
    metrics.signatureRejected(path);
    ctx.response()
        .setStatusCode(403)
        .putHeader("Content-Type", "text/plain")
        .end(signature == null ? "missing signature" : "invalid signature");
    return false;
  }

  private static String pathWithQuery(RoutingContext ctx, String path) {
    String query = ctx.request().query();
    return query == null || query.isEmpty() ? path : path + "?" + query;
  }
}
