package com.duesline.web;

import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Refuses a URL carrying a control character (raw or percent-encoded: NUL, U+0001–U+001F, U+007F)
 * with 400 before any route sees it. No page, API or webhook has one in a real URL, and a path
 * parameter with NUL reached PostgreSQL, which cannot store it, and answered 500.
 */
final class UrlGuard {
  private static final Pattern CONTROL =
      Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])|[\\x00-\\x1f\\x7f]");

  private UrlGuard() {}

  /**
   * Answers the router's own refusals (no such route, wrong method, body over a route's limit) as
   * every other refusal: {@code {"problems": [...]}} naming what was wrong, instead of an HTML
   * page.
   */
  static void mountErrors(io.vertx.ext.web.Router router) {
    router.errorHandler(
        404,
        ctx ->
            Problems.send(
                ctx,
                404,
                "url: nothing at "
                    + ctx.request().method()
                    + " "
                    + JsonBody.shown(ctx.request().path())));
    router.errorHandler(
        405,
        ctx ->
            Problems.send(
                ctx,
                405,
                "method: "
                    + ctx.request().method()
                    + " is not allowed on "
                    + JsonBody.shown(ctx.request().path())));
    router.errorHandler(
        413,
        ctx ->
            Problems.send(
                ctx,
                413,
                "body: larger than " + JsonBody.shown(ctx.request().path()) + " accepts"));
  }

  static void handle(RoutingContext ctx) {
    if (CONTROL.matcher(ctx.request().uri()).find()) {
      Problems.send(ctx, 400, "url: control characters (such as %00) are not allowed");
      return;
    }
    ctx.next();
  }
}
