package com.duesline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.app.WebConsole;
import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The supervisor page when its event stream is lost: the engine stops under an open page, the page
 * says it is reconnecting; the engine comes back (sessions live in memory, so the restart signed
 * everyone out), the page sends its user to sign in, and after signing in it is live again.
 */
class StreamLossBrowserTest {
  @Test
  void aRestartUnderAnOpenPageShowsReconnectingThenIsLiveAgainStillSignedIn() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String base = "http://localhost:" + port;
    String password = Users.newPassword(14);
    try (Database db = TestDatabase.fresh();
        Browser browser = Browser.desktop()) {
      Engine first = engine(db, port);
      new Users(db).put("sue", Role.SUPERVISOR, password, null);
      signIn(browser, base, password);
      browser.await(
          20, "live", d -> d.findElement(By.id("stream-status")).getText().contains("live"));

      first.close();
      browser.await(
          20,
          "the page shows the stream is lost",
          d -> d.findElement(By.id("stream-status")).getText().contains("reconnecting"));
      assertThat(browser.driver().findElement(By.id("stream-status")).getAttribute("class"))
          .contains("down");
      browser.screenshot("supervisor-stream-lost");

      // Sessions are stored in PostgreSQL: the restarted engine knows the page's sign-in.
      try (Engine second = engine(db, port)) {
        browser.await(
            30,
            "live again",
            d -> d.findElement(By.id("stream-status")).getText().contains("live"));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/");
      }
    }
  }

  private static Engine engine(Database db, int port) throws Exception {
    Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db);
    WebConsole console = WebConsole.beforeStart(engine);
    engine.start(port).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    console.withoutCalls();
    return engine;
  }

  private static void signIn(Browser b, String base, String password) {
    if (!b.driver().getCurrentUrl().startsWith(base + "/login")) b.driver().get(base + "/");
    b.await(20, "the sign-in page", d -> d.getCurrentUrl().startsWith(base + "/login"));
    b.driver().findElement(By.id("name")).sendKeys("sue");
    b.driver().findElement(By.id("password")).sendKeys(password);
    b.driver().findElement(By.id("sign-in")).click();
    b.await(20, "signed in", d -> d.getCurrentUrl().equals(base + "/"));
  }
}
