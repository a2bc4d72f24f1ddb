package com.duesline.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through chromedriver (both installed by {@code .ci/run}), with
 * the flags that keep it off the network, and screenshots saved under {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM =
      Path.of(System.getProperty("duesline.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("duesline.chromedriver", "/usr/bin/chromedriver"));

  /** Where screenshots go: the test artifacts. */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(int width, int height, String... extraArgs) throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "browser tests need "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }
    profile = Files.createTempDirectory("duesline-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream");
    options.addArguments(extraArgs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** A desktop-sized browser (1280×800). */
  public static Browser desktop() throws IOException {
    return new Browser(1280, 800);
  }

  /**
   * A desktop-sized browser whose microphone plays {@code wav} once (16-bit PCM WAV), for pages
   * that capture speech.
   */
  public static Browser desktopHearing(Path wav) throws IOException {
    return new Browser(
        1280, 800, "--use-file-for-fake-audio-capture=" + wav.toAbsolutePath() + "%noloop");
  }

  /** A phone-sized browser (390 px wide). */
  public static Browser phone() throws IOException {
    return new Browser(390, 844);
  }

  public WebDriver driver() {
    return driver;
  }

  /**
   * Waits up to {@code seconds} for {@code condition} to be non-null/true, failing with a
   * screenshot.
   */
  public <T> T await(int seconds, String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(seconds))
          .withMessage(what)
          .until(condition);
    } catch (RuntimeException e) {
      screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
      throw e;
    }
  }

  /** Saves a PNG of the viewport as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path out = SCREENSHOTS.resolve(name + ".png");
      Files.copy(png.toPath(), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("could not save screenshot " + name, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
