package dev.skillsite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.HeadlessChromium;
import dev.skillsite.testing.TestSkills;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * {@code serve --watch} as a reader meets it, in headless Chromium: an open page reloads when its
 * skill is saved, and a broken save shows its diagnostics on the open page, under the
 * Content-Security-Policy the pages carry.
 */
@Tag("browser")
class ServeLiveReloadBrowserTest {
  private static final Pattern SERVING = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir Path tmp;

  @Test
  void anOpenPageReloadsOnASaveAndShowsABrokenSavesDiagnostics() throws Exception {
    Path content = tmp.resolve("content");
    TestSkills.write(
        content, "alpha", "Use when the user asks to \"brew green tea\".", "Body of alpha.");
    TestSkills.write(
        content, "beta", "Use when the user asks to \"grind coffee beans\".", "Body of beta.");
    StringWriter stdout = new StringWriter();
    ServeCommand command = new ServeCommand();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(stdout, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<Integer> running =
        thread.submit(
            () ->
                cl.execute(
                    "--content",
                    content.toString(),
                    "--out",
                    tmp.resolve("site").toString(),
                    "--port",
                    "0",
                    "--watch",
                    "--templates",
                    Files.createDirectories(tmp.resolve("templates")).toString()));
    ChromeDriver browser = null;
    try {
      int port = port(stdout);
      browser = HeadlessChromium.start(Files.createDirectories(tmp.resolve("profile")));
      browser.get("http://127.0.0.1:" + port + "/skills/alpha/");
      assertTrue(browser.getPageSource().contains("brew green tea"));
      String policy =
          browser
              .findElement(By.cssSelector("meta[http-equiv='Content-Security-Policy']"))
              .getAttribute("content");
      assertTrue(policy.contains("default-src 'none'") && !policy.contains("connect-src"), policy);
      // a mark on this document: gone once the page has reloaded
      browser.executeScript("window.notReloaded = true;");
      Thread.sleep(1000); // the reload script has seen the first version

      TestSkills.write(
          content, "alpha", "Use when the user asks to \"steep oolong slowly\".", "Body of alpha.");
      ChromeDriver b = browser;
      new WebDriverWait(browser, Duration.ofSeconds(60))
          .until(
              d ->
                  b.getPageSource().contains("steep oolong slowly")
                      && b.executeScript("return window.notReloaded === undefined;")
                          .equals(Boolean.TRUE));

      Files.writeString(
          content.resolve("skills/alpha/SKILL.md"), "---\nname: alpha\n---\nNo description.\n");
      WebElement panel =
          new WebDriverWait(browser, Duration.ofSeconds(90))
              .until(
                  d ->
                      d.findElements(By.cssSelector(".skillsite-build-errors")).stream()
                          .findFirst()
                          .orElse(null));
      assertTrue(panel.isDisplayed());
      assertTrue(
          panel.getText().startsWith("Build failed; showing the last good site."), panel.getText());
      assertTrue(panel.getText().contains("skills/alpha/SKILL.md:"), panel.getText());
      assertTrue(
          browser.getPageSource().contains("steep oolong slowly"), "the last good page stays");
    } finally {
      if (browser != null) {
        browser.quit();
      }
      command.stop();
      assertEquals(0, running.get());
      thread.shutdown();
    }
  }

  private static int port(StringWriter stdout) throws InterruptedException {
    for (int i = 0; i < 1800; i++) {
      Matcher m;
      synchronized (stdout) {
        m = SERVING.matcher(stdout.toString());
      }
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("serve did not start: " + stdout);
  }
}
