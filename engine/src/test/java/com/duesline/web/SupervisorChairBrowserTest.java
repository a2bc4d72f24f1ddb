package com.duesline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.app.WebConsole;
import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallRuntime;
import com.duesline.call.DemoCalls;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The supervisor's chair in real headless Chromium, signed in, against a running engine with the
 * local carrier and one real call (MaryTTS, Vosk, the conversation engine): the supervisor follows
 * the call, listens in (audio frames of both sides reach the page over the WebSocket), takes it
 * over (the bot leaves, the carrier transfers it, the transcript notes it, both audited); the
 * finished call is checked by QA and flagged on the board (the talk-track library given to this
 * engine has a greeting without the AI disclosure); and the desk's charts are drawn. Screenshots in
 * target/screenshots/.
 */
class SupervisorChairBrowserTest {
  @Test
  void listenTakeOverAndTheFlaggedCall(@TempDir Path tmp) throws Exception {
    Path library = copyLibrary(tmp.resolve("library"));
    Path common = library.resolve("tracks/en/common.yaml");
    String yaml = Files.readString(common);
    String greeting =
        "Hello, this is the automated assistant of {company}. This call is recorded, and you are speaking with an AI assistant.";
    assertThat(yaml).contains(greeting);
    Files.writeString(
        common, yaml.replace(greeting, "Hello, this is {company}. This call is recorded."));

    try (Database db = TestDatabase.fresh()) {
      DemoCommand.loadSampleIfEmpty(db);
      DueslineConfig config =
          DueslineConfig.load(null, k -> null)
              .with("carrier.local.ring-ms", "1000")
              .with("tracks.library-dir", library.toString())
              .with(
                  "speech.cache-dir",
                  Path.of("target", "speech-cache").toAbsolutePath().toString());
      try (Engine engine = Engine.create(config, db)) {
        WebConsole console = WebConsole.beforeStart(engine);
        int port =
            engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        String base = "http://localhost:" + port;
        String password = Users.newPassword(14);
        console.users().put("sue", Role.of("supervisor"), password, "sip:sue@pbx.test");
        Persona persona =
            PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas"))
                .stream()
                .filter(p -> p.id().equals("service-complaint"))
                .findFirst()
                .orElseThrow();
        List<AccountView> accounts =
            new ArrearsQuery(db)
                .all().stream()
                    .filter(
                        a ->
                            a.inArrears()
                                && a.daysPastDue() > 30
                                && "en".equals(a.language())
                                && a.phoneId() != null
                                && "ok".equals(a.phoneStatus()))
                    .sorted(Comparator.comparing(AccountView::unit))
                    .limit(1)
                    .toList();
        List<DemoCalls.Target> targets = DemoCalls.pair(db, accounts, List.of(persona));
        try (CallRuntime runtime =
                CallRuntime.start(
                    engine, targets.stream().map(DemoCalls.Target::persona).toList());
            Browser sup = Browser.desktop()) {
          console.withCalls(runtime);
          WebDriver d = sup.driver();
          JavascriptExecutor js = (JavascriptExecutor) d;
          d.get(base + "/");
          sup.await(20, "the sign-in page", x -> x.getCurrentUrl().contains("/login"));
          d.findElement(By.id("name")).sendKeys("sue");
          d.findElement(By.id("password")).sendKeys(password);
          d.findElement(By.id("sign-in")).click();
          sup.await(
              20,
              "event stream live",
              x -> x.findElement(By.id("stream-status")).getText().contains("live"));

          Future<List<CallResult>> calls = DemoCalls.run(runtime, engine.config(), targets, 1);
          sup.await(
              60,
              "the live call row",
              x -> x.findElements(By.cssSelector("tr.live-call")).size() == 1);
          d.findElement(By.cssSelector("tr.live-call")).click();

          // Listen from the start: frames of both sides (the caller's line, the bot's prompts)
          // reach the page.
          sup.await(
              60,
              "the call answered",
              x -> !x.findElements(By.cssSelector("#follow-transcript p")).isEmpty());
          d.findElement(By.id("listen")).click();
          sup.await(
              120,
              "caller and bot audio frames on the page",
              x ->
                  js.executeScript(
                      "const s = window.DL_LISTEN; return s && s.caller > 10 && s.bot > 0 ? true : null;"));
          sup.await(
              120,
              "the caller's words in the followed call",
              x -> x.findElement(By.id("follow-transcript")).getText().contains("caller:"));
          sup.screenshot("chair-listening-desktop");

          // Take over to a chosen agent: the bot leaves, the carrier transfers the call, the
          // transcript notes it.
          d.findElement(By.id("takeover-address")).sendKeys("sip:amy@pbx.test");
          d.findElement(By.id("takeover")).click();
          sup.await(
              30,
              "taken over",
              x ->
                  x.findElement(By.id("chair-status"))
                      .getText()
                      .contains("transferred to sip:amy@pbx.test"));
          CallResult result =
              calls.toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES).get(0);
          assertThat(result.handoffTaken()).isTrue();
          sup.await(
              30,
              "the transcript's note of the take-over",
              x -> {
                try {
                  return row(
                              db,
                              "SELECT count(*) FROM turns WHERE speaker = 'agent' AND transcript LIKE '[taken over by sue, transferred to sip:amy@pbx.test%'")
                          .equals("1")
                      ? true
                      : null;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
          assertThat(
                  row(
                      db,
                      "SELECT count(*) FROM turns WHERE speaker = 'bot' AND seq > (SELECT seq FROM turns WHERE speaker = 'agent')"))
              .as("the bot says nothing after the take-over")
              .isEqualTo("0");
          assertThat(
                  row(
                      db,
                      "SELECT string_agg(action || ':' || actor, ',' ORDER BY id) FROM audit_log WHERE action LIKE 'live.%'"))
              .isEqualTo("live.listen:sue,live.take_over:sue");

          // The finished call is checked: no AI disclosure in this library's greeting, so it is
          // flagged on the board.
          var flagged =
              sup.await(
                  60,
                  "the flagged call on the board",
                  x ->
                      x.findElements(By.cssSelector("#qa-table tr.qa-fail")).stream()
                          .filter(r -> r.getText().contains("ai_disclosure"))
                          .findFirst()
                          .orElse(null));
          assertThat(flagged.getText()).contains("FLAGGED").contains(accounts.get(0).unit());
          assertThat(row(db, "SELECT passed || '|' || (findings->0->>'rule') FROM qa_results"))
              .isEqualTo("false|ai_disclosure");
          // A person joined the call (the take-over): once the local carrier's recording arrives,
          // the call is checked again
          // with the person's part transcribed from it, and that verdict replaces the row, still
          // flagged.
          sup.await(
              120,
              "the verdict with the person's part heard from the recording",
              x -> {
                try {
                  return row(db, "SELECT source || '|' || passed FROM qa_results")
                          .equals("recording|false")
                      ? true
                      : null;
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
          sup.await(
              30,
              "the flagged row from the recording",
              x ->
                  x.findElements(By.cssSelector("#qa-table tr.qa-fail")).size() == 1
                          && x.findElement(By.cssSelector("#qa-table tr.qa-fail .pill.bad"))
                              .getAttribute("title")
                              .contains("recording")
                      ? true
                      : null);
          js.executeScript("document.getElementById('qa').scrollIntoView()");
          sup.screenshot("qa-flagged-desktop");

          // The desk's charts: the heatmap holds the call (reloaded so it includes it), roll rates
          // and contact figures drawn.
          d.navigate().refresh();
          sup.await(
              60,
              "heatmap with the call",
              x ->
                  js.executeScript(
                      "const el = document.getElementById('chart-heatmap'); const c = el && echarts.getInstanceByDom(el); const o = c && c.getOption();"
                          + "if (!o || !o.series) return null; return o.series[0].data.some(v => v[3] > 0) ? true : null;"));
          sup.await(
              30,
              "roll-rate chart",
              x ->
                  js.executeScript(
                      "const c = echarts.getInstanceByDom(document.getElementById('chart-roll')); const o = c && c.getOption();"
                          + "return o && o.series && o.series.length > 1 ? true : null;"));
          sup.await(
              30,
              "contact figures",
              x -> x.findElement(By.id("desk-kpis")).getText().contains("all"));
          js.executeScript("document.getElementById('desk').scrollIntoView()");
          sup.screenshot("desk-desktop");
        }
      }
    }
  }

  static Path copyLibrary(Path to) throws IOException {
    Path from = Path.of("..", "scripts-library", "library");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(dest);
        else Files.copy(p, dest);
      }
    }
    return to;
  }

  static String row(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
