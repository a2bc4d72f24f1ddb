package com.duesline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The pages' shared files come from the jar, and the charting library loads in real Chromium
 * without any network.
 */
class StaticAssetsTest {
  @Test
  void chromiumLoadsTheSharedScriptAndTheChartLibraryFromTheEngine() throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      engine
          .router()
          .get("/probe")
          .handler(
              ctx ->
                  ctx.response()
                      .putHeader("content-type", "text/html")
                      .end(
                          "<!doctype html><html><head><link rel=stylesheet href=/static/app.css></head><body><div id=c class=chart></div>"
                              + "<script src=/static/vendor/echarts.min.js></script><script src=/static/common.js></script></body></html>"));
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try (Browser browser = Browser.desktop()) {
        browser.driver().get("http://localhost:" + port + "/probe");
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        Object loaded =
            browser.await(
                20,
                "echarts and DL defined",
                d ->
                    js.executeScript(
                        "return (typeof echarts === 'object' && typeof DL === 'object') ? echarts.version : null"));
        assertThat(loaded).isEqualTo("5.3.1");
        browser.screenshot("static-assets");
      }
    }
  }
}
