package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.testing.SiteBrowser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search in a real headless Chromium: the browser's first result and abstention equal {@link
 * Router}'s for every query of ../shared/eval on its collection; typing, keys, deep links, {@code
 * file://} and a sub-path work; hostile skill text stays text. One browser and one build per
 * collection for the class.
 */
@Tag("browser")
class BrowserSearchTest {
  private static final List<String> CORPORA = List.of("elixir", "anthropic", "large");
  private static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1\">";

  @TempDir static Path tmp;
  private static SiteBrowser web;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    Map<String, Path> contents = SiteBrowser.corpora(CORPORA);
    contents.put("hostile", hostileContent(tmp.resolve("hostile-content")));
    contents.put("demo", Path.of("content"));
    web = SiteBrowser.build(tmp, contents);
    browser = web.driver();
  }

  @AfterAll
  static void stop() {
    if (web != null) {
      web.close();
    }
  }

  @Test
  void firstResultAndAbstentionEqualTheRouterOnEveryEvalQuery() throws Exception {
    int total = 0;
    List<String> mismatches = new ArrayList<>();
    for (String c : CORPORA) {
      List<String> queries = evalQueries(Path.of("../shared/eval", c + ".jsonl"));
      browser.get(url(c, "search/index.html"));
      new WebDriverWait(browser, Duration.ofSeconds(30))
          .until(
              d ->
                  Boolean.TRUE.equals(
                      ((ChromeDriver) d).executeScript("return !!window.SkillsiteSearchPage;")));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> got =
          (List<Map<String, Object>>)
              browser.executeAsyncScript(
                  "var done = arguments[arguments.length - 1];"
                      + "window.SkillsiteSearchPage.route(arguments[0]).then(done, function (e) { done(String(e)); });",
                  queries);
      assertEquals(queries.size(), got.size());
      try (RoutingIndex index = RoutingIndex.open(web.site(c).resolve(BuildPipeline.LUCENE_DIR))) {
        Router router = new Router(index);
        for (int i = 0; i < queries.size(); i++) {
          RouteResult r = router.route(queries.get(i), 10);
          String expected =
              (r.hits().isEmpty() ? "none" : r.hits().get(0).id().value())
                  + (r.abstained() ? " (abstained)" : "");
          Object top = got.get(i).get("top");
          String actual =
              (top == null ? "none" : top)
                  + (Boolean.TRUE.equals(got.get(i).get("abstained")) ? " (abstained)" : "");
          if (!expected.equals(actual)) {
            mismatches.add(
                c + ": " + queries.get(i) + "\n  route " + expected + "\n  browser " + actual);
          }
          total++;
        }
      }
    }
    mismatches.forEach(System.out::println);
    System.out.printf("browser parity: %d of %d queries equal%n", total - mismatches.size(), total);
    assertTrue(total > 200, "queries: " + total);
    assertTrue(mismatches.size() <= total / 100, mismatches.size() + " mismatches of " + total);
  }

  @Test
  void typingShowsTheRouterFirstWithItsPhraseAndEnterOpensIt() throws Exception {
    String query = "the signup page should send the welcome email later without blocking";
    var expected = route("elixir", query);
    browser.get(url("elixir", "search/index.html"));
    WebElement box = browser.findElement(By.id("ss-search-input"));
    box.sendKeys(query);
    List<WebElement> results = waitForResults("ss-search-input", query);
    assertEquals(expected.hits().get(0).id().value(), results.get(0).getAttribute("data-skill-id"));
    assertEquals(
        expected.hits().get(0).matched(),
        results.get(0).findElement(By.cssSelector("mark")).getText());
    // summaries come with the hits' phrase chunks, not the manifest: every result shown has its
    // own, and says
    // what the skill does rather than when it should be used
    for (WebElement r : results) {
      String summary = r.findElement(By.cssSelector(".card-text")).getText();
      assertFalse(summary.isBlank(), r.getAttribute("data-skill-id"));
      assertFalse(summary.startsWith("This skill should be used"), summary);
      assertTrue(description("elixir", r.getAttribute("data-skill-id")).length() > 0);
    }
    assertTrue(browser.getCurrentUrl().contains("?q=the+signup"), browser.getCurrentUrl());
    assertTrue(
        browser.findElement(By.id("ss-search-input-status")).getText().contains("would fire"));
    box.sendKeys(Keys.ARROW_DOWN);
    assertEquals("true", results.get(0).getAttribute("aria-selected"));
    box.sendKeys(Keys.ESCAPE);
    assertEquals("false", results.get(0).getAttribute("aria-selected"));
    box.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(
            d ->
                d.getCurrentUrl()
                    .endsWith("skills/" + expected.hits().get(0).id().value() + "/index.html"));
  }

  @Test
  void slashFocusesTheHeaderBoxWhichDropsDownResults() {
    browser.get(url("elixir", "skills/index.html"));
    browser.findElement(By.tagName("body")).sendKeys("/");
    WebElement active = browser.switchTo().activeElement();
    assertEquals("ss-q", active.getAttribute("id"));
    active.sendKeys("GenServer state");
    List<WebElement> results = waitForResults("ss-q", "GenServer state");
    assertTrue(browser.findElement(By.id("ss-q-pop")).isDisplayed());
    assertEquals(
        route("elixir", "GenServer state").hits().get(0).id().value(),
        results.get(0).getAttribute("data-skill-id"));
    active.sendKeys(Keys.ESCAPE);
    assertFalse(browser.findElement(By.id("ss-q-pop")).isDisplayed());
  }

  @Test
  void deepLinkSurvivesReloadAndAbstentionSaysNoSkillMatches() {
    browser.get(url("elixir", "search/index.html?q=set+up+supervisord+for+gunicorn"));
    waitForDone("ss-search-input", "set up supervisord for gunicorn");
    browser.navigate().refresh();
    waitForDone("ss-search-input", "set up supervisord for gunicorn");
    assertEquals(
        "set up supervisord for gunicorn",
        browser.findElement(By.id("ss-search-input")).getAttribute("value"));
    assertEquals(
        "true",
        browser.findElement(By.id("ss-search-input-results")).getAttribute("data-abstained"));
    assertTrue(
        browser
            .findElement(By.id("ss-search-input-status"))
            .getText()
            .startsWith("No skill matches"));
  }

  /**
   * The page says why the closest skill did not fire, quoting its "Not for" clause, as `route`
   * does.
   */
  @Test
  void abstentionQuotesTheNotForClauseTheRequestRanInto() {
    browser.get(url("demo", "search/index.html?q=add+a+Sidekiq+worker+that+retries+failed+jobs"));
    waitForResults("ss-search-input", "add a Sidekiq worker that retries failed jobs");
    assertEquals(
        "true",
        browser.findElement(By.id("ss-search-input-results")).getAttribute("data-abstained"));
    assertEquals(
        "No skill matches: oban-thinking says \u201cNot for job queues outside Elixir, such as Sidekiq,"
            + " Celery or BullMQ.\u201d \u2014 the closest, below the confidence threshold:",
        browser.findElement(By.id("ss-search-input-status")).getText());
  }

  @Test
  void aResultHoldsNoLinkAndAClickOpensItsPage() {
    browser.get(url("elixir", "search/index.html?q=GenServer+state"));
    List<WebElement> results = waitForResults("ss-search-input", "GenServer state");
    String id = results.get(0).getAttribute("data-skill-id");
    // an option of a listbox must hold nothing focusable: the option opens the page itself
    assertTrue(
        results.get(0).findElements(By.cssSelector("a, button, input, [tabindex]")).isEmpty());
    results.get(0).findElement(By.cssSelector(".card-text")).click();
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .until(d -> d.getCurrentUrl().endsWith("skills/" + id + "/index.html"));
  }

  @Test
  void worksFromFileUrls() {
    browser.get(web.site("elixir").resolve("search/index.html").toUri() + "?q=GenServer+state");
    List<WebElement> results = waitForResults("ss-search-input", "GenServer state");
    assertEquals(
        route("elixir", "GenServer state").hits().get(0).id().value(),
        results.get(0).getAttribute("data-skill-id"));
  }

  @Test
  void hostileSkillTextIsShownAsText() {
    browser.get(url("hostile", "search/index.html?q=onerror+pwned+script"));
    List<WebElement> results = waitForResults("ss-search-input", "onerror pwned script");
    assertTrue(results.get(0).getAttribute("data-skill-id").startsWith("x-evil"));
    assertTrue(results.get(0).getText().contains(HOSTILE), results.get(0).getText());
    JavascriptExecutor js = browser;
    assertEquals(
        0L,
        js.executeScript(
            "return document.querySelectorAll('#ss-search-input-results img, #ss-search-input-results script').length"));
    assertEquals(
        null, js.executeScript("return window.__pwned === undefined ? null : window.__pwned"));
    // a hostile "Not for" clause, quoted in the status line, is text too
    browser.get(url("hostile", "search/index.html?q=water+the+cactus+plants"));
    waitForResults("ss-search-input", "water the cactus plants");
    String status = browser.findElement(By.id("ss-search-input-status")).getText();
    assertTrue(
        status.contains("calm says \u201cNot for " + HOSTILE + " cactus care.\u201d"), status);
    assertEquals(
        0L,
        js.executeScript("return document.querySelectorAll('#ss-search-input-status *').length"));
    assertEquals(
        null, js.executeScript("return window.__pwned === undefined ? null : window.__pwned"));
  }

  /** Waits for the results of {@code query}, which may be none. */
  private static List<WebElement> waitForDone(String box, String query) {
    By list = By.cssSelector("#" + box + "-results[data-state='done'][data-query='" + query + "']");
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(list).isEmpty());
    return browser.findElement(list).findElements(By.cssSelector("li[data-skill-id]"));
  }

  private static List<WebElement> waitForResults(String box, String query) {
    By list = By.cssSelector("#" + box + "-results[data-state='done'][data-query='" + query + "']");
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(list).isEmpty());
    List<WebElement> items =
        browser.findElement(list).findElements(By.cssSelector("li[data-skill-id]"));
    assertFalse(items.isEmpty(), "results for " + query);
    return items;
  }

  private static RouteResult route(String corpus, String query) {
    try (RoutingIndex index =
        RoutingIndex.open(web.site(corpus).resolve(BuildPipeline.LUCENE_DIR))) {
      RouteResult r = new Router(index).route(query, 10);
      assertNotNull(r);
      return r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A skill's description as the site's catalog ({@code skills.json}) has it. */
  private static String description(String corpus, String id) {
    try {
      JsonArray catalog =
          new Gson()
              .fromJson(
                  Files.readString(web.site(corpus).resolve("skills.json"), StandardCharsets.UTF_8),
                  JsonArray.class);
      for (var s : catalog) {
        if (s.getAsJsonObject().get("id").getAsString().equals(id)) {
          return s.getAsJsonObject().get("description").getAsString();
        }
      }
      throw new AssertionError("no skill " + id + " in skills.json");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String url(String site, String path) {
    return web.url(site, path);
  }

  private static List<String> evalQueries(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        out.add(new Gson().fromJson(line, JsonObject.class).get("query").getAsString());
      }
    }
    return out;
  }

  /**
   * A collection with one skill whose name, description and trigger phrase carry markup and script.
   */
  private static Path hostileContent(Path dir) throws IOException {
    Path skill = dir.resolve("x-evil");
    Files.createDirectories(skill);
    String desc =
        "Use when the user says \\\""
            + HOSTILE.replace("\"", "\\\"")
            + " pwned\\\" or asks about "
            + "<script>window.__pwned=2</script> onerror handling.";
    Files.writeString(
        skill.resolve("SKILL.md"),
        "---\nname: \"x-evil"
            + HOSTILE.replace("\"", "\\\"")
            + "\"\ndescription: \""
            + desc
            + "\"\n---\n# <script>window.__pwned=3</script> heading\n\nBody.\n",
        StandardCharsets.UTF_8);
    Path other = dir.resolve("calm");
    Files.createDirectories(other);
    Files.writeString(
        other.resolve("SKILL.md"),
        "---\nname: calm\ndescription: \"Use when the user asks to water the garden plants. Not for "
            + HOSTILE.replace("\"", "\\\"")
            + " cactus care.\"\n---\n# Garden\n",
        StandardCharsets.UTF_8);
    return dir;
  }
}
