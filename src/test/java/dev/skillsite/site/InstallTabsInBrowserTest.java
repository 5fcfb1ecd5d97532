package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.Axe;
import dev.skillsite.testing.SiteBrowser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The install box of a skill page in headless Chromium: one tab per agent, worked with the keyboard
 * alone (arrow keys, Home, End select as they move), the reader's choice kept on the next page, and
 * no axe-core violation in either colour scheme at desktop and phone widths.
 */
@Tag("browser")
class InstallTabsInBrowserTest {
  @TempDir static Path tmp;
  private static SiteBrowser web;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    Path content = tmp.resolve("content");
    write(
        content.resolve("skillsite.yaml"),
        "title: Tabs\nrepository:\n  url: https://github.com/example/skills\n");
    write(
        content.resolve("skills/alpha/SKILL.md"),
        "---\nname: alpha\ndescription: Use when the user asks to"
            + " \"tune the alpha widget\".\n---\n# Alpha\n\nSee [notes](references/notes.md).\n");
    write(content.resolve("skills/alpha/references/notes.md"), "# Notes\n\nMore.\n");
    write(
        content.resolve("skills/beta/SKILL.md"),
        "---\nname: beta\ndescription: Use when the user asks to"
            + " \"tune the beta gadget\".\n---\n# Beta\n\nBody.\n");
    web = SiteBrowser.build(tmp, Map.of("tabs", content));
    browser = web.driver();
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static List<WebElement> tabs() {
    return browser.findElements(By.cssSelector("#ss-install [role=tab]"));
  }

  private static String selected() {
    return browser
        .findElement(By.cssSelector("#ss-install [role=tab][aria-selected=true]"))
        .getText();
  }

  private static List<String> visiblePanels() {
    return browser.findElements(By.cssSelector("#ss-install [role=tabpanel]")).stream()
        .filter(WebElement::isDisplayed)
        .map(p -> p.getAttribute("data-tab"))
        .toList();
  }

  @Test
  void tabsWorkWithTheKeyboardAndTheChoiceIsKept() {
    web.open(web.url("tabs", "skills/alpha/index.html"));
    browser.executeScript("localStorage.clear()");
    web.open(web.url("tabs", "skills/alpha/index.html"));
    assertEquals(
        List.of("Claude Code", "skills CLI", "Codex", "Cursor", "Gemini CLI", "Download"),
        tabs().stream().map(WebElement::getText).toList());
    assertEquals("Claude Code", selected());
    assertEquals(List.of("claude-code"), visiblePanels());
    tabs().get(0).sendKeys(Keys.ARROW_RIGHT);
    assertEquals("skills CLI", selected());
    assertEquals(
        "skills CLI", browser.switchTo().activeElement().getText(), "focus follows the selection");
    assertEquals(List.of("skills-cli"), visiblePanels());
    assertTrue(
        browser
            .findElement(By.id("ss-install-cmd-skills-cli"))
            .getText()
            .startsWith("npx skills add example/skills --skill alpha"));
    browser.switchTo().activeElement().sendKeys(Keys.END);
    assertEquals("Download", selected());
    WebElement link = browser.findElement(By.cssSelector("#ss-install-download a.download-link"));
    assertEquals("alpha.tar.gz", link.getText());
    browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    assertEquals("Claude Code", selected(), "the arrow wraps around");
    browser.switchTo().activeElement().sendKeys(Keys.HOME, Keys.ARROW_LEFT);
    assertEquals("Download", selected());
    // Tab leaves the tablist for the open panel, whose copy button is next
    browser.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT);
    assertEquals("Cursor", selected());
    browser.switchTo().activeElement().sendKeys(Keys.TAB);
    assertEquals("ss-install-cursor", browser.switchTo().activeElement().getAttribute("id"));
    tabs().get(2).click();
    assertEquals("Codex", selected());
    web.open(web.url("tabs", "skills/beta/index.html"));
    assertEquals("Codex", selected(), "the reader's agent is remembered across pages");
    assertEquals(
        "SKILL.md",
        browser
            .findElement(By.cssSelector("#ss-install-download a.download-link"))
            .getAttribute("textContent"));
  }

  @Test
  void axeFindsNoViolationInTheInstallTabs() throws IOException {
    List<String> found =
        Axe.in(browser)
            .violations(
                List.of("skills/alpha/index.html"), page -> web.open(web.url("tabs", page)));
    assertTrue(found.isEmpty(), String.join("\n", found));
  }
}
