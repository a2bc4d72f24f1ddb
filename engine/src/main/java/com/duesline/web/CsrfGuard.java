package com.duesline.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer-token CSRF protection: one random token per session, given to the page as a
 * script-readable {@code XSRF-TOKEN} cookie, and required back in the {@code X-XSRF-TOKEN} header
 * on every state-changing request. One token per session (not per request) so a page's concurrent
 * calls never race each other.
 */
final class CsrfGuard {
  static final String COOKIE = "XSRF-TOKEN";
  static final String HEADER = "X-XSRF-TOKEN";
  private static final String SESSION_KEY = "csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfGuard() {}

  /** The session's token, made on first use, and set as the cookie on this response. */
  static String issue(RoutingContext ctx) {
    String token = ctx.session().get(SESSION_KEY);
    if (token == null) {
      byte[] b = new byte[24];
      RANDOM.nextBytes(b);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      ctx.session().put(SESSION_KEY, token);
    }
    ctx.response()
        .addCookie(
            Cookie.cookie(COOKIE, token)
                .setPath("/")
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(PageHeaders.overHttps(ctx)));
    return token;
  }

  /** True for safe methods, or when the header carries this session's token. */
  static boolean accepts(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) return true;
    String expected = ctx.session() == null ? null : ctx.session().get(SESSION_KEY);
    String given = ctx.request().getHeader(HEADER);
    return expected != null
        && given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
