package com.duesline.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.speech.AudioFormatKind;
import com.duesline.telephony.audio.Wav;
import com.duesline.web.Browser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The playground page in real headless Chromium: chat with a track, see the intent and the node
 * path, run its tests.
 */
class PlaygroundPageTest {
  @TempDir Path scratch;

  /**
   * The node the conversation rests on, read in one step (the path is re-rendered after every
   * turn).
   */
  private static String restNode(WebDriver d) {
    return String.valueOf(
        ((JavascriptExecutor) d)
            .executeScript(
                "const n = document.querySelector('#path .node.rest'); return n ? n.textContent : ''"));
  }

  @Test
  void aScriptWriterChatsWithATrackAndSeesTheIntentAndThePath() throws Exception {
    try (PlaygroundFixture f = new PlaygroundFixture(scratch);
        Browser browser = Browser.desktop()) {
      WebDriver d = browser.driver();
      d.get(f.url("/scripts"));
      browser.await(
          20,
          "tracks listed",
          x -> x.findElements(By.cssSelector("#track option[value=early]")).size() == 1);
      new Select(d.findElement(By.id("track"))).selectByValue("early");
      new Select(d.findElement(By.id("variant"))).selectByValue("A");
      d.findElement(By.cssSelector("#account-box summary")).click();
      d.findElement(By.id("acct-first_name")).clear();
      d.findElement(By.id("acct-first_name")).sendKeys("Rosa");
      d.findElement(By.id("start")).click();
      browser.await(
          20,
          "opening lines shown",
          x -> x.findElement(By.id("chat")).getText().contains("confirm_identity"));
      assertThat(d.findElement(By.id("chat")).getText()).contains("Rosa");

      d.findElement(By.id("say")).sendKeys("yes this is rosa\n");
      WebElement intent =
          browser.await(
              20,
              "intent shown",
              x ->
                  x.findElements(By.cssSelector("#chat [data-intent]")).stream()
                      .findFirst()
                      .orElse(null));
      assertThat(intent.getText()).startsWith("affirm");
      assertThat(d.findElement(By.id("match-intent")).getText()).startsWith("affirm");
      assertThat(d.findElements(By.cssSelector("#nearest tbody tr"))).isNotEmpty();
      d.findElement(By.id("keys")).sendKeys("1203\n");
      browser.await(20, "verified and asked to pay", x -> restNode(x).equals("pay_ask"));
      @SuppressWarnings("unchecked")
      List<String> path =
          (List<String>)
              ((JavascriptExecutor) d)
                  .executeScript(
                      "return [...document.querySelectorAll('#path .node')].map(n => n.textContent)");
      assertThat(path)
          .containsSubsequence("greeting", "confirm_identity", "ask_unit", "verified", "pay_ask");
      assertThat(d.findElement(By.id("variables")).getText())
          .contains("first_name")
          .contains("Rosa");
      d.findElement(By.id("say")).sendKeys("the elevator has been broken for weeks\n");
      browser.await(
          20,
          "complaint understood",
          x -> x.findElement(By.id("match-intent")).getText().startsWith("service_complaint"));
      assertThat(restNode(d)).isEqualTo("pay_ask");
      assertThat(d.findElement(By.id("chat")).getText()).contains("48 hours");

      // A bot line plays through the engine's 8 kHz telephone audio.
      d.findElement(By.cssSelector("#chat button.play[data-line='0']")).click();
      JavascriptExecutor js = (JavascriptExecutor) d;
      Object duration =
          browser.await(
              30,
              "line audio loaded",
              x ->
                  js.executeScript(
                      "const p = document.getElementById('player'); return p.readyState >= 1 && p.duration > 0 ? p.duration : null;"));
      assertThat(((Number) duration).doubleValue()).isGreaterThan(1.0);

      d.findElement(By.id("stories-run")).click();
      browser.await(
          60,
          "stories ran",
          x -> x.findElement(By.id("stories-summary")).getText().contains("passed"));
      assertThat(d.findElements(By.cssSelector("#stories details[data-passed=false]"))).isEmpty();
      d.findElement(By.id("lint-run")).click();
      browser.await(
          20, "lint ran", x -> x.findElement(By.id("lint-summary")).getText().contains("errors"));
      assertThat(d.findElement(By.id("lint-summary")).getText()).startsWith("0 errors");
      ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0)");
      browser.screenshot("scripts-playground");
    }
  }

  @Test
  void speakingIntoTheMicrophoneIsRecognisedByTheEngine(@TempDir Path wavDir) throws Exception {
    // Chromium's fake microphone plays a MaryTTS sentence once; the page resamples it to 16 kHz PCM
    // and posts it.
    short[] sentence =
        PlaygroundFixture.Models.PROMPTS
            .get("I already paid the fee.", "", AudioFormatKind.WAV48K)
            .pcm16();
    short[] padded = new short[sentence.length + 48000];
    System.arraycopy(sentence, 0, padded, 24000, sentence.length);
    Path wav = wavDir.resolve("caller.wav");
    Wav.writePcm16(wav, padded, 48000);
    try (PlaygroundFixture f = new PlaygroundFixture(scratch);
        Browser browser = Browser.desktopHearing(wav)) {
      WebDriver d = browser.driver();
      d.get(f.url("/scripts"));
      browser.await(
          20,
          "tracks listed",
          x -> x.findElements(By.cssSelector("#track option[value=early]")).size() == 1);
      new Select(d.findElement(By.id("track"))).selectByValue("early");
      d.findElement(By.id("start")).click();
      browser.await(
          20,
          "opening lines shown",
          x -> x.findElement(By.id("chat")).getText().contains("confirm_identity"));
      d.findElement(By.id("say")).sendKeys("yes this is maria\n");
      browser.await(20, "asked for the unit", x -> restNode(x).equals("ask_unit"));
      d.findElement(By.id("keys")).sendKeys("1203\n");
      browser.await(20, "asked to pay", x -> restNode(x).equals("pay_ask"));
      d.findElement(By.id("mic")).click();
      browser.await(
          10,
          "recording",
          x -> x.findElement(By.id("mic")).getAttribute("class").contains("recording"));
      Thread.sleep((long) (padded.length / 48.0) + 500);
      d.findElement(By.id("mic")).click();
      WebElement heard =
          browser.await(
              60,
              "speech recognised",
              x ->
                  x.findElements(By.cssSelector("#chat [data-intent]")).stream()
                      .filter(e -> e.getText().startsWith("already_paid"))
                      .findFirst()
                      .orElse(null));
      assertThat(heard).isNotNull();
      assertThat(d.findElement(By.id("chat")).getText()).contains("spoken").contains("paid");
      assertThat(restNode(d)).isEqualTo("paid_ask");
      assertThat(d.findElement(By.id("chat-error")).getText()).isEmpty();
      browser.screenshot("scripts-playground-microphone");
    }
  }

  @Test
  void thePageWorksOnAPhoneScreen() throws Exception {
    try (PlaygroundFixture f = new PlaygroundFixture(scratch);
        Browser browser = Browser.phone()) {
      WebDriver d = browser.driver();
      d.get(f.url("/scripts"));
      browser.await(
          20,
          "tracks listed",
          x -> x.findElements(By.cssSelector("#track option[value=mid]")).size() == 1);
      new Select(d.findElement(By.id("track"))).selectByValue("mid");
      d.findElement(By.id("start")).click();
      browser.await(
          20,
          "opening lines shown",
          x -> !x.findElements(By.cssSelector("#chat .bot .line")).isEmpty());
      d.findElement(By.id("say")).sendKeys("who is this\n");
      browser.await(
          20,
          "answer shown",
          x -> x.findElements(By.cssSelector("#chat [data-intent]")).size() == 1);
      JavascriptExecutor js = (JavascriptExecutor) d;
      Number overflow =
          (Number)
              js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
      assertThat(overflow.intValue()).as("no sideways scrolling at 390 px").isLessThanOrEqualTo(0);
      js.executeScript("document.getElementById('conversation').scrollIntoView()");
      browser.screenshot("scripts-playground-phone");
    }
  }
}
