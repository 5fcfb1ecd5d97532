package dev.skillsite.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core in a real Chromium: the accessibility check the browser tests run on built pages. axe
 * comes from npm ({@code .ci/run} installs it into {@code target/axe}); outside CI a missing
 * install skips the calling test, in CI it fails it.
 */
public final class Axe {
  private static final Path SCRIPT = Path.of("target/axe/node_modules/axe-core/axe.min.js");

  /** The two colour schemes and the two widths (desktop, phone) every page is checked in. */
  private static final List<String> SCHEMES = List.of("light", "dark");

  private static final List<Dimension> SIZES =
      List.of(new Dimension(1280, 900), new Dimension(360, 800));

  private final ChromeDriver browser;
  private final String script;

  private Axe(ChromeDriver browser, String script) {
    this.browser = browser;
    this.script = script;
  }

  /** axe for this browser; skips the test outside CI when axe-core is not installed. */
  public static Axe in(ChromeDriver browser) throws IOException {
    boolean present = Files.isRegularFile(SCRIPT);
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(
          present, "no " + SCRIPT + " (npm install --prefix target/axe axe-core, as .ci/run does)");
    }
    assertTrue(present, "CI needs " + SCRIPT + " (.ci/run installs it)");
    return new Axe(browser, Files.readString(SCRIPT, StandardCharsets.UTF_8));
  }

  /**
   * Opens each page with {@code open} in light and dark colour schemes at desktop and phone widths
   * and runs axe on it: one entry per page and setting that has violations (the page, the setting,
   * then one line per violation); empty when there are none. The browser's scheme and size are
   * restored afterwards.
   */
  public List<String> violations(List<String> pages, Consumer<String> open) {
    Dimension before = browser.manage().window().getSize();
    List<String> found = new ArrayList<>();
    try {
      for (String scheme : SCHEMES) {
        browser.executeCdpCommand(
            "Emulation.setEmulatedMedia",
            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        for (Dimension size : SIZES) {
          browser.manage().window().setSize(size);
          for (String page : pages) {
            open.accept(page);
            String violations = onOpenPage();
            if (!violations.isEmpty()) {
              found.add(page + " (" + scheme + ", " + size.getWidth() + " px)\n" + violations);
            }
          }
        }
      }
    } finally {
      browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
      browser.manage().window().setSize(before);
    }
    return found;
  }

  /** axe's violations on the page open now, one line each: impact, rule, count, first targets. */
  public String onOpenPage() {
    browser.executeScript(script);
    Object violations =
        browser.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.map(function (v) {"
                + "    return v.impact + ' ' + v.id + ' x' + v.nodes.length + ': ' + v.nodes.slice(0, 3)"
                + "        .map(function (n) { return n.target.join(' '); }).join(' | ');"
                + "  }).join('\\n'));"
                + "}, function (e) { done('axe failed: ' + e); });");
    return String.valueOf(violations);
  }
}
