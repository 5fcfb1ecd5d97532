package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.Axe;
import dev.skillsite.testing.SiteBrowser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The install box of a skill page in headless Chromium: one tab per agent, worked with the keyboard
 * alone (arrow keys, Home, End select as they move), the reader's choice kept on the next page, and
 * no axe-core violation in either colour scheme at desktop and phone widths.
 */
@Tag("browser")
class InstallTabsInBrowserTest {

  @RegisterExtension
  static final SiteBrowser.PerClass web =
      SiteBrowser.perClass(
          tmp ->
              Map.of(
                  "tabs",
                  SiteBrowser.content(
                      tmp,
                      Map.of(
                          "skillsite.yaml",
                          "title: Tabs\nrepository:\n  url: https://github.com/example/skills\n",
                          "skills/alpha/SKILL.md",
                          "---\nname: alpha\ndescription: Use when the user asks to"
                              + " \"tune the alpha widget\".\n---\n# Alpha\n\nSee [notes](references/notes.md).\n",
                          "skills/alpha/references/notes.md",
                          "# Notes\n\nMore.\n",
                          "skills/beta/SKILL.md",
                          "---\nname: beta\ndescription: Use when the user asks to"
                              + " \"tune the beta gadget\".\n---\n# Beta\n\nBody.\n"))));

  private static List<WebElement> tabs() {
    return web.driver().findElements(By.cssSelector("#ss-install [role=tab]"));
  }

  private static String selected() {
    return web.driver()
        .findElement(By.cssSelector("#ss-install [role=tab][aria-selected=true]"))
        .getText();
  }

  private static List<String> visiblePanels() {
    return web.driver().findElements(By.cssSelector("#ss-install [role=tabpanel]")).stream()
        .filter(WebElement::isDisplayed)
        .map(p -> p.getAttribute("data-tab"))
        .toList();
  }

  @Test
  void tabsWorkWithTheKeyboardAndTheChoiceIsKept() {
    web.open(web.url("tabs", "skills/alpha/index.html"));
    web.driver().executeScript("localStorage.clear()");
    web.open(web.url("tabs", "skills/alpha/index.html"));
    assertEquals(
        List.of("Claude Code", "skills CLI", "Codex", "Cursor", "Gemini CLI", "Download"),
        tabs().stream().map(WebElement::getText).toList());
    assertEquals("Claude Code", selected());
    assertEquals(List.of("claude-code"), visiblePanels());
    tabs().get(0).sendKeys(Keys.ARROW_RIGHT);
    assertEquals("skills CLI", selected());
    assertEquals(
        "skills CLI",
        web.driver().switchTo().activeElement().getText(),
        "focus follows the selection");
    assertEquals(List.of("skills-cli"), visiblePanels());
    assertTrue(
        web.driver()
            .findElement(By.id("ss-install-cmd-skills-cli"))
            .getText()
            .startsWith("npx skills add example/skills --skill alpha"));
    web.driver().switchTo().activeElement().sendKeys(Keys.END);
    assertEquals("Download", selected());
    WebElement link =
        web.driver().findElement(By.cssSelector("#ss-install-download a.download-link"));
    assertEquals("alpha.tar.gz", link.getText());
    web.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
    assertEquals("Claude Code", selected(), "the arrow wraps around");
    web.driver().switchTo().activeElement().sendKeys(Keys.HOME, Keys.ARROW_LEFT);
    assertEquals("Download", selected());
    // Tab leaves the tablist for the open panel, whose copy button is next
    web.driver().switchTo().activeElement().sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT);
    assertEquals("Cursor", selected());
    web.driver().switchTo().activeElement().sendKeys(Keys.TAB);
    assertEquals("ss-install-cursor", web.driver().switchTo().activeElement().getAttribute("id"));
    tabs().get(2).click();
    assertEquals("Codex", selected());
    web.open(web.url("tabs", "skills/beta/index.html"));
    assertEquals("Codex", selected(), "the reader's agent is remembered across pages");
    assertEquals(
        "SKILL.md",
        web.driver()
            .findElement(By.cssSelector("#ss-install-download a.download-link"))
            .getAttribute("textContent"));
  }

  @Test
  void axeFindsNoViolationInTheInstallTabs() throws IOException {
    List<String> found =
        Axe.in(web.driver())
            .violations(
                List.of("skills/alpha/index.html"), page -> web.open(web.url("tabs", page)));
    assertTrue(found.isEmpty(), String.join("\n", found));
  }
}
