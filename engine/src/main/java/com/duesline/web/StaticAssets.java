package com.duesline.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the browser pages' files from the jar: {@code /static/*} from the classpath folder {@code
 * web/}, and the charting library from its WebJar at {@code /static/vendor/echarts.min.js}, so the
 * pages need no network beyond the engine.
 *
 * <p>Pages and the chart library are read into memory when mounted: sending a classpath file makes
 * Vert.x unpack it from the jar on the event loop the first time, which stalled calls for seconds.
 */
public final class StaticAssets {
  private static final String ECHARTS =
      "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private StaticAssets() {}

  /** Mounts the static routes; pages themselves are mounted by their capability. */
  public static void mount(Router router) {
    Buffer echarts = load(ECHARTS);
    router
        .get("/static/vendor/echarts.min.js")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/javascript; charset=utf-8")
                    .putHeader("cache-control", "public, max-age=86400")
                    .end(echarts));
    router
        .route("/static/*")
        .handler(StaticHandler.create("web").setCachingEnabled(false).setDirectoryListing(false));
  }

  /** Serves the page {@code web/<name>} (an HTML file in the jar) at {@code path}. */
  public static void page(Router router, String path, String name) {
    Buffer html = load("web/" + name);
    router
        .get(path)
        .handler(
            ctx -> ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(html));
  }

  private static Buffer load(String resource) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the classpath");
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
