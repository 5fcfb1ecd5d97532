package dev.skillsite.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for a page served by something other than {@link SiteBrowser} (such as
 * {@code serve}); the same options and the same rule: skipped without /usr/bin/chromium and its
 * driver, unless {@code CI} is set.
 */
public final class HeadlessChromium {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  /** Starts a browser with {@code profile} (an empty folder) as its user data. */
  public static ChromeDriver start(Path profile) {
    return start(profile, false);
  }

  /**
   * As {@link #start(Path)}; with {@code console}, the page's console messages are kept for {@code
   * driver.manage().logs().get(LogType.BROWSER)}.
   */
  public static ChromeDriver start(Path profile, boolean console) {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(
          present, "no /usr/bin/chromium and chromedriver (required when CI is set)");
    }
    assertTrue(
        present, "CI needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile);
    if (console) {
      options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    }
    ChromeDriver browser = new ChromeDriver(options);
    browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(1));
    return browser;
  }
}
