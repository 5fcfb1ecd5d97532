package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.SiteBrowser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;

/**
 * On a 390 x 844 phone, a skill page gets to the point (issue 23): the skill's own text (its
 * SKILL.md body) starts within the first two screens, on every page of the demo and of anthropic.
 */
@Tag("browser")
class PhonePagesBrowserTest {
  private static final int WIDTH = 390;
  private static final int HEIGHT = 844;

  @RegisterExtension
  static final SiteBrowser.PerClass web =
      SiteBrowser.perClass(
          tmp ->
              Map.of(
                  "demo", Path.of("content"), "anthropic", Path.of("../shared/corpora/anthropic")));

  @Test
  void theSkillsOwnTextStartsWithinTwoScreens() throws Exception {
    web.driver().manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    // the window's size includes the web.driver()'s own bars: make the page's viewport the phone's
    int chrome =
        HEIGHT - ((Long) web.driver().executeScript("return window.innerHeight;")).intValue();
    web.driver().manage().window().setSize(new Dimension(WIDTH, HEIGHT + chrome));
    int inner = ((Long) web.driver().executeScript("return window.innerHeight;")).intValue();
    List<String> late = new ArrayList<>();
    List<String> measured = new ArrayList<>();
    for (String site : List.of("demo", "anthropic")) {
      try (var dirs = java.nio.file.Files.list(web.site(site).resolve("skills"))) {
        for (Path dir : dirs.filter(java.nio.file.Files::isDirectory).sorted().toList()) {
          web.open(web.url(site, "skills/" + dir.getFileName() + "/index.html"));
          long top =
              (Long)
                  web.driver()
                      .executeScript(
                          "var b = document.getElementById('ss-body');"
                              + "return b ? Math.round(b.getBoundingClientRect().top + window.scrollY) : -1;");
          measured.add(site + "/" + dir.getFileName() + " " + top);
          if (top < 0 || top > 2L * inner) {
            late.add(
                site
                    + "/"
                    + dir.getFileName()
                    + " starts at "
                    + top
                    + " px (two screens: "
                    + 2 * inner
                    + ")");
          }
        }
      }
    }
    System.out.println("body top on a " + WIDTH + " px phone: " + measured);
    assertTrue(late.isEmpty(), String.join("\n", late));
  }
}
