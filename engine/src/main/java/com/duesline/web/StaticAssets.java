package com.duesline.web;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the browser pages' files from the jar: {@code /static/*} from the classpath folder
 * {@code web/}, and the charting library from its WebJar at {@code /static/vendor/echarts.min.js}, so
 * the pages need no network beyond the engine.
 */
public final class StaticAssets {
  private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private StaticAssets() {}

  /** Mounts the static routes; pages themselves are mounted by their capability. */
  public static void mount(Router router) {
    router.get("/static/vendor/echarts.min.js").handler(ctx -> ctx.response()
        .putHeader("cache-control", "public, max-age=86400")
        .sendFile(ECHARTS));
    router.route("/static/*").handler(StaticHandler.create("web").setCachingEnabled(false).setDirectoryListing(false));
  }

  /** Sends the page {@code web/<name>} (an HTML file in the jar). */
  public static void page(Router router, String path, String name) {
    router.get(path).handler(ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8").sendFile("web/" + name));
  }
}
