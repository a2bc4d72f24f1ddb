package com.duesline.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.speech.AudioFormatKind;
import com.duesline.telephony.audio.Wav;
import com.duesline.voice.VoiceClips;
import com.duesline.web.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The recording page in real headless Chromium: a writer records a line through the fake
 * microphone; the engine stores it trimmed, at an even loudness, as 8 kHz µ-law, and the coverage
 * counts it.
 */
class RecordPageTest {
  @TempDir Path scratch;

  @Test
  void aWriterRecordsALineListensAndTheCoverageCountsIt(@TempDir Path wavDir) throws Exception {
    // The fake microphone plays a quiet sentence with a second of silence either side: the stored
    // clip must lose the silence
    // and come up to speech loudness.
    short[] sentence =
        PlaygroundFixture.Models.PROMPTS.get("Thank you.", "", AudioFormatKind.WAV48K).pcm16();
    short[] padded = new short[sentence.length + 96000];
    for (int i = 0; i < sentence.length; i++) padded[48000 + i] = (short) (sentence[i] / 8);
    Path wav = wavDir.resolve("writer.wav");
    Wav.writePcm16(wav, padded, 48000);
    try (PlaygroundFixture f = new PlaygroundFixture(scratch);
        Browser browser = Browser.desktopHearing(wav)) {
      WebDriver d = browser.driver();
      d.get(f.url("/scripts/record"));
      d.findElement(By.id("voice")).clear();
      d.findElement(By.id("voice")).sendKeys("studio");
      new Select(d.findElement(By.id("lang"))).selectByValue("en");
      d.findElement(By.id("load")).click();
      browser.await(
          20,
          "coverage shown",
          x -> {
            // The page loads zh on opening: wait for the en coverage asked for, not that one.
            WebElement totals = x.findElement(By.id("totals"));
            return "studio/en".equals(totals.getAttribute("data-shows"))
                && totals.getText().startsWith("0 of ");
          });
      int missingBefore = missing(d, "early");
      assertThat(missingBefore).isGreaterThan(10);
      assertThat(d.findElements(By.cssSelector("#words .part.missing"))).hasSizeGreaterThan(30);

      String text =
          String.valueOf(
              ((JavascriptExecutor) d)
                  .executeScript(
                      "const p = document.querySelector('#tracks [data-track=early] .part.missing'); p.querySelector('button.rec').click(); return p.dataset.text"));
      browser.await(
          10,
          "recording",
          x ->
              x.findElement(By.cssSelector("#tracks [data-track=early] button.rec.recording"))
                  != null);
      Thread.sleep((long) (padded.length / 48.0) + 700);
      d.findElement(By.cssSelector("#tracks [data-track=early] button.rec.recording")).click();
      browser.await(
          30, "stored", x -> x.findElement(By.id("status")).getText().startsWith("stored"));
      assertThat(d.findElement(By.id("error")).getText()).isEmpty();

      Path clip = VoiceClips.at(f.library.resolve("voices"), "studio", "en").promptClip(text);
      Wav.Audio stored = Wav.read(clip);
      assertThat(stored.sampleRate()).isEqualTo(8000);
      assertThat(stored.encoding()).isEqualTo(Wav.Encoding.MULAW);
      double seconds = stored.samples().length / 8000.0;
      double spoken = sentence.length / 48000.0;
      assertThat(seconds)
          .as("silence trimmed (%.2f s of %.2f s recorded)", seconds, padded.length / 48000.0)
          .isLessThan(spoken + 0.6);
      assertThat(seconds).as("the words kept (MaryTTS pads its own silence)").isGreaterThan(0.3);
      double rmsDb = 20 * Math.log10(rms(stored.samples()) / 32768);
      assertThat(rmsDb).as("loudness normalised from about -38 dBFS").isBetween(-24.0, -16.0);
      assertThat(
              Files.readString(
                      clip.resolveSibling(clip.getFileName().toString().replace(".wav", ".txt")))
                  .strip())
          .isEqualTo(text);

      // Listen: the page plays the stored clip back.
      WebElement done =
          browser.await(
              10,
              "marked recorded",
              x ->
                  x.findElements(By.cssSelector("#tracks .part.done")).stream()
                      .filter(e -> text.equals(e.getAttribute("data-text")))
                      .findFirst()
                      .orElse(null));
      done.findElement(By.cssSelector("button.play")).click();
      browser.await(
          10,
          "clip playing",
          x ->
              ((Number)
                          ((JavascriptExecutor) x)
                              .executeScript(
                                  "const a = document.getElementById('player'); return a.readyState >= 1 ? a.duration : 0"))
                      .doubleValue()
                  > 0.3);

      d.findElement(By.id("load")).click();
      // Re-read from disk: the stretch now counts as recorded wherever a line uses it.
      browser.await(
          20,
          "coverage counts the take",
          x ->
              (Boolean)
                  ((JavascriptExecutor) x)
                      .executeScript(
                          "const ps = [...document.querySelectorAll('#tracks .part')].filter(p => p.dataset.text === arguments[0]);"
                              + " return document.getElementById('totals').textContent !== '' && ps.every(p => p.classList.contains('done'))",
                          text));
      assertThat(missing(d, "early")).isLessThanOrEqualTo(missingBefore);
      browser.screenshot("scripts-record");
    }
  }

  private static int missing(WebDriver d, String track) {
    // Read in one step: the page re-renders the coverage when it reloads it.
    Object n =
        ((JavascriptExecutor) d)
            .executeScript(
                "const p = document.querySelector('#tracks [data-track="
                    + track
                    + "] [data-missing]'); return p ? Number(p.dataset.missing) : -1");
    return ((Number) n).intValue();
  }

  private static double rms(short[] s) {
    double sum = 0;
    for (short v : s) sum += (double) v * v;
    return Math.sqrt(sum / s.length);
  }
}
