package com.duesline.web;

import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response carries: a content security policy (scripts and styles from this origin
 * only, no framing, no plugins), the older frame and sniffing headers for browsers that predate it,
 * and HSTS when the request came over https.
 */
public final class PageHeaders {
  /**
   * Inline styles stay allowed (charts and a few pages set them; they cannot run code); scripts
   * never run inline. Media and images may be blobs: the playground plays audio it fetched.
   */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
          + " media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private PageHeaders() {}

  /** Sets the headers on {@code ctx}'s response and passes it on. */
  static void handle(RoutingContext ctx) {
    var h = ctx.response().headers();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Frame-Options", "DENY");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "same-origin");
    if (overHttps(ctx)) h.set("Strict-Transport-Security", "max-age=31536000");
    ctx.next();
  }

  /**
   * True when the browser reached us over https: directly, or through a proxy that says so.
   * Trusting the proxy's header is safe here: all it can do is make the caller's own cookies
   * Secure.
   */
  static boolean overHttps(RoutingContext ctx) {
    return ctx.request().isSSL()
        || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
  }
}
