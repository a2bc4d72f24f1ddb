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
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in real headless Chromium against a running engine with the local carrier: a supervisor
 * watches live calls appear and their transcripts grow, an agent takes a hand-off and records a
 * promise, and the pages fit a phone. Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final List<String> PERSONAS = List.of("request-human", "promise-date-amount");
  private static final Map<String, String> PASSWORDS = new HashMap<>();

  private static Database db;
  private static Engine engine;
  private static CallRuntime runtime;
  private static String base;
  private static Future<List<CallResult>> calls;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.fresh();
    DemoCommand.loadSampleIfEmpty(db);
    DueslineConfig config =
        DueslineConfig.load(null, k -> null)
            .with("carrier.local.ring-ms", "1500")
            .with("calls.handoff-max-wait-ms", "90000")
            .with(
                "speech.cache-dir", Path.of("target", "speech-cache").toAbsolutePath().toString());
    engine = Engine.create(config, db);
    WebConsole console = WebConsole.beforeStart(engine);
    int port = engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    base = "http://localhost:" + port;
    for (var u :
        List.of(
            List.of("sue", "supervisor"),
            List.of("amy", "agent"),
            List.of("sam", "script_writer"))) {
      String pw = Users.newPassword(14);
      console.users().put(u.get(0), Role.of(u.get(1)), pw, null);
      PASSWORDS.put(u.get(0), pw);
    }
    Map<String, Persona> all = new HashMap<>();
    for (Persona p :
        PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas")))
      all.put(p.id(), p);
    List<Persona> personas = PERSONAS.stream().map(all::get).toList();
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
                .limit(personas.size())
                .toList();
    List<DemoCalls.Target> targets = DemoCalls.pair(db, accounts, personas);
    var campaigns = new com.duesline.campaign.CampaignService(db, java.time.Clock.systemUTC());
    campaigns.create("standard");
    campaigns.transition("standard", "start");
    runtime = CallRuntime.start(engine, targets.stream().map(DemoCalls.Target::persona).toList());
    console.withCalls(runtime);
    targetsToCall = targets;
  }

  private static List<DemoCalls.Target> targetsToCall;

  @AfterAll
  static void stop() throws Exception {
    if (calls != null) calls.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
    if (runtime != null) runtime.close();
    if (engine != null) engine.close();
    if (db != null) db.close();
  }

  @Test
  @Order(1)
  void supervisorWatchesCallsLiveWhileAnAgentTakesTheHandOff() throws Exception {
    try (Browser supervisor = Browser.desktop();
        Browser agent = Browser.desktop()) {
      signIn(supervisor, "sue", "/");
      supervisor.await(20, "event stream live", d -> text(d, "stream-status").contains("live"));
      supervisor.screenshot("supervisor-idle");

      signIn(agent, "amy", "/agent");
      agent.driver().findElement(By.id("address")).sendKeys("sip:amy@pbx.test");
      agent.driver().findElement(By.id("go-free")).click();
      agent.await(10, "agent free", d -> text(d, "my-state").equals("free"));

      calls = DemoCalls.run(runtime, engine.config(), targetsToCall, 2);

      // Live calls appear, masked; following one shows its transcript as it grows.
      supervisor.await(
          60, "a live call row", d -> d.findElements(By.cssSelector("tr.live-call")).size() >= 1);
      WebElement row = supervisor.driver().findElements(By.cssSelector("tr.live-call")).get(0);
      assertThat(row.getText()).contains("•");
      row.click();
      supervisor.await(
          60,
          "the caller's words in the followed call",
          d -> text(d, "follow-transcript").contains("caller:"));
      int linesBefore =
          supervisor.driver().findElements(By.cssSelector("#follow-transcript p")).size();
      supervisor.await(
          60,
          "the transcript grows",
          d -> d.findElements(By.cssSelector("#follow-transcript p")).size() > linesBefore);
      supervisor.screenshot("supervisor-live-calls");

      // The hand-off is pushed to the free agent, who takes it and records a promise.
      agent.await(
          90,
          "a hand-off offered",
          d -> !d.findElements(By.cssSelector(".offer button.accept")).isEmpty());
      supervisor.await(
          20,
          "the queue shows it",
          d -> !d.findElements(By.cssSelector("#queue-table tr.queued")).isEmpty());
      supervisor.screenshot("supervisor-queue");
      agent.screenshot("agent-offer");
      agent.driver().findElement(By.cssSelector(".offer button.accept")).click();
      agent.await(
          20,
          "the taken call shown",
          d -> !d.findElement(By.id("current")).getAttribute("class").contains("hidden"));
      assertThat(text(agent.driver(), "call-transcript")).contains("caller:");
      assertThat(text(agent.driver(), "call-who"))
          .as("the agent who took it sees the full number")
          .matches(".*\\+1\\d{10}.*");
      agent.await(10, "agent on call", d -> text(d, "my-state").equals("on call"));
      supervisor.await(
          20,
          "the supervisor sees the agent on a call",
          d -> text(d, "agents-table").contains("on call"));
      agent.driver().findElement(By.id("wrap-up")).click();
      agent.await(10, "agent wrapping up", d -> text(d, "my-state").equals("wrap up"));
      new Select(agent.driver().findElement(By.id("disposition"))).selectByValue("promise");
      agent.driver().findElement(By.id("promise-amount")).sendKeys("150");
      String date = LocalDate.now().plusDays(7).toString();
      ((JavascriptExecutor) agent.driver())
          .executeScript("document.getElementById('promise-date').value = arguments[0]", date);
      agent
          .driver()
          .findElement(By.id("notes"))
          .sendKeys("Will pay by card next week, said \"thanks\", no dispute.");
      agent.screenshot("agent-wrap-up");
      agent.driver().findElement(By.id("save")).click();
      agent.await(
          20,
          "the wrap-up saved or refused",
          d -> text(d, "my-state").equals("free") || !text(d, "wrap-error").isEmpty());
      assertThat(text(agent.driver(), "wrap-error")).isEmpty();

      try (ResultSet rs =
          query(
              """
          SELECT h.status, h.agent, h.disposition, h.notes, p.amount, p.promised_for::text
          FROM handoffs h JOIN promises p ON p.attempt_id = h.attempt_id""")) {
        assertThat(rs.next()).as("a closed hand-off with its promise").isTrue();
        assertThat(rs.getString(1)).isEqualTo("closed");
        assertThat(rs.getString(2)).isEqualTo("amy");
        assertThat(rs.getString(3)).isEqualTo("promise");
        assertThat(rs.getString(4)).contains("next week");
        assertThat(rs.getBigDecimal(5)).isEqualByComparingTo("150");
        assertThat(rs.getString(6)).isEqualTo(date);
      }
      supervisor.await(
          20,
          "agent free on the supervisor's board",
          d -> text(d, "agents-table").contains("free"));
    }
  }

  @Test
  @Order(2)
  void supervisorPausesAndResumesACampaign() throws Exception {
    try (Browser supervisor = Browser.desktop()) {
      signIn(supervisor, "sue", "/");
      By pause = By.cssSelector("[data-campaign='standard'] button[data-action='pause']");
      supervisor.await(
          30, "the running campaign with a pause button", d -> !d.findElements(pause).isEmpty());
      supervisor.driver().findElement(pause).click();
      By resume = By.cssSelector("[data-campaign='standard'] button[data-action='resume']");
      supervisor.await(20, "paused", d -> !d.findElements(resume).isEmpty());
      assertThat(status()).isEqualTo("paused");
      supervisor.screenshot("supervisor-campaign-paused");
      supervisor.driver().findElement(resume).click();
      supervisor.await(20, "running again", d -> !d.findElements(pause).isEmpty());
      assertThat(status()).isEqualTo("running");
    }
  }

  private static String status() throws Exception {
    try (ResultSet rs = query("SELECT status FROM campaigns WHERE id = 'standard'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  @Order(3)
  void theSupervisorAndAgentPagesFitAPhone() throws Exception {
    try (Browser phone = Browser.phone()) {
      signIn(phone, "sue", "/");
      phone.await(20, "event stream live", d -> text(d, "stream-status").contains("live"));
      Number overflow =
          (Number)
              ((JavascriptExecutor) phone.driver())
                  .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
      assertThat(overflow.intValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
      phone.screenshot("supervisor-phone");
    }
    try (Browser phone = Browser.phone()) {
      signIn(phone, "amy", "/agent");
      phone.await(20, "agent stream live", d -> text(d, "stream-status").contains("live"));
      Number overflow =
          (Number)
              ((JavascriptExecutor) phone.driver())
                  .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
      assertThat(overflow.intValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
      phone.screenshot("agent-phone");

      // The event stream itself is covered by StreamLossBrowserTest (an engine restart under the
      // page).
    }
  }

  @Test
  @Order(4)
  void aScriptWriterChatsWithATrackAndSeesNothingElse() throws Exception {
    try (Browser writer = Browser.desktop()) {
      signIn(writer, "sam", "/scripts");
      // The script writer's own page works behind sign-in: chat with a track and see the intent
      // matched.
      writer.await(
          20,
          "tracks listed",
          d -> d.findElements(By.cssSelector("#track option[value=early]")).size() == 1);
      new Select(writer.driver().findElement(By.id("track"))).selectByValue("early");
      writer.driver().findElement(By.id("start")).click();
      writer.await(20, "opening lines", d -> !text(d, "chat").isEmpty());
      writer.driver().findElement(By.id("say")).sendKeys("yes speaking\n");
      writer.await(20, "intent shown", d -> text(d, "match-intent").startsWith("affirm"));
      writer.screenshot("scripts-signed-in");
      writer.driver().get(base + "/api/live/snapshot");
      assertThat(writer.driver().getPageSource()).contains("not open to the script_writer role");
      writer.driver().get(base + "/agent");
      assertThat(writer.driver().getPageSource()).contains("not open to the script_writer role");
    }
  }

  private static void signIn(Browser b, String name, String landing) {
    b.driver().get(base + landing);
    b.await(20, "the sign-in page", d -> d.getCurrentUrl().contains("/login"));
    b.driver().findElement(By.id("name")).sendKeys(name);
    b.driver().findElement(By.id("password")).sendKeys(PASSWORDS.get(name));
    b.driver().findElement(By.id("sign-in")).click();
    b.await(20, "signed in and back at " + landing, d -> d.getCurrentUrl().equals(base + landing));
  }

  private static String text(WebDriver d, String id) {
    return d.findElement(By.id(id)).getText();
  }

  private static ResultSet query(String sql) throws Exception {
    var c = db.connection();
    return c.createStatement().executeQuery(sql);
  }
}
