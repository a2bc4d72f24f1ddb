package com.duesline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.call.CallJournal;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.campaign.CampaignRoutes;
import com.duesline.campaign.CampaignService;
import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.web.Browser;
import com.duesline.web.StaticAssets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The supervisor page's campaign, today and aging sections in real headless Chromium against a
 * running engine (mounted without sign-in; a supervisor viewer is put on each request): a campaign
 * paused and stopped from the page, the charts drawn with the day's contact, an account's history
 * opened from the aging list with its transcript, and the printable page; at 1280x800 and 390 px.
 */
class DashboardPageTest {
  @Test
  void supervisorSeesCampaignsChartsAndAnAccountHistory() throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      DashboardFixtures.importEstate(db);
      DashboardFixtures.recordCall(db);
      // A second answered call to R2 that heard variant B of the greeting and promised nothing: an
      // A/B row to draw.
      CallJournal journal = new CallJournal(db);
      long r2 =
          journal.openAttempt(
              new CallJournal.Party(
                  DashboardFixtures.id(db, "SELECT id FROM units WHERE unit_code = 'R2'"),
                  null,
                  null,
                  null),
              "local",
              "early",
              "1",
              "B");
      journal.answered(r2, "human");
      journal.turn(
          r2,
          new TurnRecord(
              1,
              "bot",
              "greet",
              "Good afternoon, Harbor View here.",
              null,
              0,
              Map.of(),
              "early.greet",
              "B",
              null,
              null));
      journal.closed(r2, "refused", null);
      CampaignService svc = new CampaignService(db, Clock.systemUTC());
      svc.create("standard");
      svc.transition("standard", "start");
      DashboardFixtures.viewerFromHeader(engine);
      CampaignRoutes.mount(engine);
      DashboardRoutes.mount(engine);
      StaticAssets.page(engine.router(), "/", "index.html");
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      String base = "http://localhost:" + port;

      try (Browser browser = Browser.desktop()) {
        WebDriver d = browser.driver();
        JavascriptExecutor js = (JavascriptExecutor) d;
        d.get(base + "/");
        // The hourly chart is drawn on a canvas and holds today's recorded call.
        Object contacts =
            browser.await(
                30,
                "hourly chart with today's contact",
                x ->
                    js.executeScript(
                        "const c = document.querySelector('#chart-hourly canvas'); if (!c) return null;"
                            + "const o = echarts.getInstanceByDom(document.getElementById('chart-hourly')).getOption();"
                            + "const n = o.series[0].data.reduce((a, b) => a + b, 0); return n > 0 ? n : null;"));
        assertThat(((Number) contacts).intValue()).isEqualTo(2);
        browser.await(
            20,
            "collection chart",
            x ->
                js.executeScript(
                    "return echarts.getInstanceByDom(document.getElementById('chart-collection')).getOption().series[1].data[0] === 90 ? true : null;"));
        browser.await(
            20,
            "intent mix",
            x ->
                js.executeScript(
                    "const o = echarts.getInstanceByDom(document.getElementById('chart-intents')).getOption();"
                        + "return o.series[0].data.length && o.series[0].data[0].name === 'promise_to_pay' ? true : null;"));

        WebElement verdict =
            browser.await(
                20,
                "A/B table",
                x -> x.findElement(By.cssSelector("#ab tr[data-test='early.greet'] td.verdict")));
        assertThat(verdict.getText()).isEqualTo("no clear leader");
        js.executeScript("document.getElementById('today').scrollIntoView()");
        browser.screenshot("dashboard-today-desktop");
        js.executeScript("document.getElementById('ab').scrollIntoView()");
        browser.screenshot("dashboard-ab-desktop");

        // Campaign card: running, then paused from the page, then stopped after confirming.
        WebElement card =
            browser.await(
                20,
                "campaign card",
                x -> x.findElement(By.cssSelector("[data-campaign='standard']")));
        assertThat(card.findElement(By.cssSelector(".pill")).getText()).isEqualTo("running");
        browser.screenshot("dashboard-desktop");
        card.findElement(By.cssSelector("button[data-action='pause']")).click();
        browser.await(
            20,
            "campaign paused",
            x ->
                x.findElement(By.cssSelector("[data-campaign='standard'] [data-status='paused']")));
        d.findElement(By.cssSelector("[data-campaign='standard'] button[data-action='stop']"))
            .click();
        d.switchTo().alert().accept();
        browser.await(
            20,
            "campaign stopped",
            x ->
                x.findElement(
                    By.cssSelector("[data-campaign='standard'] [data-status='stopped']")));

        // Aging: R1 is the account in arrears; clicking it opens its history with the transcript
        // and recording link.
        WebElement r1 =
            browser.await(
                20,
                "aging row R1",
                x -> x.findElement(By.cssSelector("#aging-table tr[data-unit='R1']")));
        assertThat(r1.getText()).contains("+12125550142");
        js.executeScript("arguments[0].scrollIntoView()", r1);
        r1.findElement(By.cssSelector("td:nth-child(2)")).click();
        WebElement said =
            browser.await(
                20,
                "history transcript",
                x -> x.findElement(By.cssSelector("#aging-history .contact .transcript p.caller")));
        assertThat(said.getText()).contains(DashboardFixtures.CALLER_WORDS);
        assertThat(d.findElement(By.cssSelector("#aging-history a.recording")).getAttribute("href"))
            .matches(".*/api/recordings/\\d+");
        browser.screenshot("dashboard-history-desktop");

        d.get(base + "/accounts/R1");
        browser.await(
            20,
            "printable history",
            x -> x.findElement(By.cssSelector("#history .contact .transcript")));
        assertThat(d.findElement(By.id("account-title")).getText()).contains("R1");
        browser.screenshot("account-desktop");
      }

      try (Browser phone = Browser.phone()) {
        WebDriver d = phone.driver();
        JavascriptExecutor js = (JavascriptExecutor) d;
        d.get(base + "/");
        phone.await(
            30,
            "hourly chart on a phone",
            x ->
                js.executeScript(
                    "return document.querySelector('#chart-hourly canvas') ? true : null;"));
        WebElement r1 =
            phone.await(
                20,
                "aging row R1 on a phone",
                x -> x.findElement(By.cssSelector("#aging-table tr[data-unit='R1']")));
        // Nothing pushes the page sideways on a 390 px screen (wide tables scroll inside their
        // card).
        Object overflow =
            js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        phone.screenshot("dashboard-phone");
        js.executeScript("document.getElementById('today').scrollIntoView()");
        phone.screenshot("dashboard-today-phone");
        js.executeScript("arguments[0].scrollIntoView()", r1);
        r1.findElement(By.cssSelector("td:nth-child(2)")).click();
        phone.await(
            20,
            "history on a phone",
            x -> x.findElement(By.cssSelector("#aging-history .contact .transcript p.caller")));
        phone.screenshot("dashboard-history-phone");
        d.get(base + "/accounts/R1");
        phone.await(
            20,
            "printable history on a phone",
            x -> x.findElement(By.cssSelector("#history .contact")));
        phone.screenshot("account-phone");
      }
    }
  }
}
