package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.testing.Axe;
import dev.skillsite.testing.SiteBrowser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * Built pages in a real headless Chromium: none scrolls sideways on a phone, axe-core finds no
 * accessibility violation on any kind of page, in the light and the dark colour scheme, and
 * headings link to themselves. axe-core comes from npm (.ci/run installs it into target/axe);
 * without it the accessibility test is skipped, unless {@code CI} is set.
 */
@Tag("browser")
class PagesInBrowserTest {

  @RegisterExtension
  static final SiteBrowser.PerClass web =
      SiteBrowser.perClass(tmp -> SiteBrowser.corpora(List.of("elixir", "anthropic", "large")));

  /**
   * On a 360-pixel-wide phone no page scrolls sideways: long words and paths in descriptions, "Not
   * for" clauses, headings and tables wrap or scroll inside their own box. Every page of anthropic
   * (long unbroken slash lists in descriptions) and the index pages of large.
   */
  @Test
  void everyPageFitsAPhoneScreen() throws IOException {
    List<String> pages = new ArrayList<>();
    Path anthropic = web.site("anthropic");
    try (Stream<Path> files = Files.walk(anthropic)) {
      files
          .filter(f -> f.toString().endsWith(".html"))
          .map(f -> "anthropic/" + anthropic.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .forEach(pages::add);
    }
    for (String p :
        List.of(
            "index.html",
            "page_2.html",
            "skills/index.html",
            "skills/page_2.html",
            "triggers/index.html",
            "triggers/page_2.html",
            "health/index.html",
            "search/index.html?q=deploy+to+cloudflare",
            "404.html")) {
      pages.add("large/" + p);
    }
    Dimension before = web.driver().manage().window().getSize();
    web.driver().manage().window().setSize(new Dimension(360, 800));
    List<String> wide = new ArrayList<>();
    try {
      for (String page : pages) {
        open(page);
        Number extra =
            (Number)
                web.driver()
                    .executeScript(
                        "var e = document.documentElement; return e.scrollWidth - e.clientWidth;");
        if (extra.intValue() > 0) {
          // the last elements that stick out, outside any box that scrolls, to say what to fix
          Object culprits =
              web.driver()
                  .executeScript(
                      "var w = document.documentElement.clientWidth, out = [];"
                          + "function clipped(el) {"
                          + "  for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {"
                          + "    if (getComputedStyle(p).overflowX !== 'visible') { return true; }"
                          + "  } return false; }"
                          + "document.querySelectorAll('body *').forEach(function (el) {"
                          + "  var r = el.getBoundingClientRect();"
                          + "  var own = getComputedStyle(el).overflowX === 'visible' ? el.scrollWidth : r.width;"
                          + "  if (!clipped(el) && r.left + Math.max(r.width, own) > w + 1) {"
                          + "    out.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')"
                          + "        + ' ' + Math.round(r.left + Math.max(r.width, own)));"
                          + "  }"
                          + "}); return out.slice(-4).join(', ');");
          wide.add(page + " (" + extra + " px too wide: " + culprits + ")");
        }
      }
    } finally {
      web.driver().manage().window().setSize(before);
    }
    assertTrue(pages.size() > 100, "pages: " + pages.size());
    assertTrue(wide.isEmpty(), String.join("\n", wide));
  }

  /**
   * axe-core (WCAG 2.x A and AA rules and its best practices) on one page of every kind, with and
   * without results, highlighted code, task lists and wide tables, in both colour schemes, at
   * desktop and phone widths.
   */
  @Test
  void axeFindsNoViolationOnAnyKindOfPage() throws IOException {
    Axe axe = Axe.in(web.driver());
    List<String> pages =
        List.of(
            "anthropic/index.html",
            "anthropic/skills/index.html",
            "anthropic/triggers/index.html",
            "anthropic/health/index.html",
            "anthropic/collections/example-skills/index.html",
            "anthropic/skills/claude-api/index.html",
            "anthropic/skills/mcp-builder/ref/reference/python_mcp_server.html",
            "anthropic/skills/mcp-builder/index.html",
            "anthropic/search/index.html?q=make+an+animated+gif+for+slack",
            "anthropic/404.html",
            "elixir/skills/otp-thinking/index.html",
            "elixir/search/index.html?q=set+up+supervisord+for+gunicorn",
            "elixir/search/index.html?q=GenServer+state",
            "elixir/search/index.html?q=pluggable+storage+backends+protocol+or+behaviour",
            "elixir/skills/nope/deeper/",
            "large/health/index.html",
            "large/audit/index.html",
            "large/page_9.html",
            "large/triggers/page_2.html");
    List<String> found =
        axe.violations(
            pages,
            page -> {
              open(page);
              if (page.contains("search/index.html")) {
                web.driver()
                    .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                            + "(function wait() { var l = document.querySelector('ol.results[data-state=done]');"
                            + "  if (l) { done(); } else { setTimeout(wait, 50); } })();");
              }
            });
    assertTrue(found.isEmpty(), String.join("\n", found));
  }

  /**
   * The home page of a collection of 882 skills is split into pages: the "Next" link of its page
   * navigation, clicked, opens page 2 with the next skills, marked as the current page; "Previous"
   * leads back; a letter of the A–Z list's second page leads to the page where that letter starts.
   */
  @Test
  void pageTwoNavigates() {
    open("large/index.html");
    List<String> first = cardIds();
    // a page holds 50 to 100 cards: it ends where its skills' ids say (Paging.MIN_CARDS, CARDS)
    assertTrue(
        first.size() >= Paging.MIN_CARDS && first.size() <= Paging.CARDS,
        "page 1: " + first.size());
    click(web.driver().findElement(By.cssSelector("nav.pagination a[rel=next]")));
    assertTrue(
        web.driver().getCurrentUrl().endsWith("/large/page_2.html"), web.driver().getCurrentUrl());
    List<String> second = cardIds();
    assertTrue(
        second.size() >= Paging.MIN_CARDS && second.size() <= Paging.CARDS,
        "page 2: " + second.size());
    assertTrue(second.stream().noneMatch(first::contains), "page 2 repeats page 1's skills");
    assertEquals(
        "Page 2",
        web.driver()
            .findElement(By.cssSelector("nav.pagination a[aria-current=page]"))
            .getAttribute("textContent")
            .replaceAll("\\s+", " ")
            .strip());
    assertTrue(web.driver().getTitle().matches(".*page 2 of \\d+.*"), web.driver().getTitle());
    click(web.driver().findElement(By.cssSelector("nav.pagination a[rel=prev]")));
    assertTrue(
        web.driver().getCurrentUrl().endsWith("/large/index.html"), web.driver().getCurrentUrl());
    assertEquals(first, cardIds());

    open("large/skills/page_2.html");
    click(web.driver().findElement(By.cssSelector("nav.letters a[href^='index.html#ss-a']")));
    assertTrue(
        web.driver().getCurrentUrl().endsWith("/large/skills/index.html#ss-a"),
        web.driver().getCurrentUrl());
  }

  private static List<String> cardIds() {
    return web.driver().findElements(By.cssSelector("li.skill-card")).stream()
        .map(e -> e.getAttribute("data-skill-id"))
        .toList();
  }

  /** A click as a reader makes it: the element scrolled into view, then clicked, then the load. */
  private static void click(WebElement e) {
    String before = web.driver().getCurrentUrl();
    web.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
    e.click();
    new org.openqa.selenium.support.ui.WebDriverWait(web.driver(), java.time.Duration.ofSeconds(10))
        .until(d -> !d.getCurrentUrl().equals(before));
  }

  /**
   * Every heading of a document carries a link to itself; following one puts its id in the address.
   */
  @Test
  void headingsLinkToThemselves() {
    open("anthropic/skills/mcp-builder/index.html");
    List<WebElement> headings =
        web.driver().findElements(By.cssSelector(".markdown-body h2[id], .markdown-body h3[id]"));
    assertTrue(headings.size() >= 3, "headings: " + headings.size());
    for (WebElement h : headings) {
      WebElement a = h.findElement(By.cssSelector("a.heading-anchor"));
      assertTrue(
          a.getAttribute("href").endsWith("#" + h.getAttribute("id")), a.getAttribute("href"));
    }
    WebElement last = headings.get(headings.size() - 1);
    web.driver()
        .executeScript(
            "arguments[0].click();", last.findElement(By.cssSelector("a.heading-anchor")));
    assertTrue(
        web.driver().getCurrentUrl().endsWith("#" + last.getAttribute("id")),
        web.driver().getCurrentUrl());
  }

  private static void open(String page) {
    int slash = page.indexOf('/');
    web.open(web.url(page.substring(0, slash), page.substring(slash + 1)));
  }
}
