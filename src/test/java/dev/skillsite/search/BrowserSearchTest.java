package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.Progress;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search in a real headless Chromium: the browser's first result and abstention equal {@link Router}'s
 * for every query of ../shared/eval on its collection; typing, keys, deep links, {@code file://} and a
 * sub-path work; hostile skill text stays text; no page scrolls sideways on a phone. One browser and one build
 * per collection for the class.
 */
class BrowserSearchTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final List<String> CORPORA = List.of("elixir", "anthropic", "large");
  private static final String SUB = "/sub/path/";
  private static final String HOSTILE = "<img src=x onerror=\"window.__pwned=1\">";

  @TempDir static Path tmp;
  private static final Map<String, Path> sites = new LinkedHashMap<>();
  private static HttpServer server;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(present, "no /usr/bin/chromium and chromedriver (required when CI is set)");
    }
    assertTrue(present, "CI needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)");
    BuildPipeline pipeline = new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE);
    for (String c : CORPORA) {
      Path out = tmp.resolve("site-" + c);
      pipeline.run(new BuildOptions(Path.of("../shared/corpora", c), out, Optional.empty(), true));
      sites.put(c, out);
    }
    Path hostile = hostileContent(tmp.resolve("hostile-content"));
    pipeline.run(new BuildOptions(hostile, tmp.resolve("site-hostile"), Optional.empty(), true));
    sites.put("hostile", tmp.resolve("site-hostile"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(SUB, BrowserSearchTest::serve);
    // one handler thread per connection Chromium opens in parallel: the default single dispatcher thread can
    // leave a script request waiting behind a kept-alive connection
    server.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "browser-test-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"));
    browser = new ChromeDriver(options);
    browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void firstResultAndAbstentionEqualTheRouterOnEveryEvalQuery() throws Exception {
    int total = 0;
    List<String> mismatches = new ArrayList<>();
    for (String c : CORPORA) {
      List<String> queries = evalQueries(Path.of("../shared/eval", c + ".jsonl"));
      browser.get(url(c, "search/index.html"));
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(
          d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript("return !!window.SkillsiteSearchPage;")));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> got = (List<Map<String, Object>>) browser.executeAsyncScript(
          "var done = arguments[arguments.length - 1];"
              + "window.SkillsiteSearchPage.route(arguments[0]).then(done, function (e) { done(String(e)); });",
          queries);
      assertEquals(queries.size(), got.size());
      try (RoutingIndex index = RoutingIndex.open(sites.get(c).resolve(BuildPipeline.LUCENE_DIR))) {
        Router router = new Router(index);
        for (int i = 0; i < queries.size(); i++) {
          RouteResult r = router.route(queries.get(i), 10);
          String expected = (r.hits().isEmpty() ? "none" : r.hits().get(0).id().value())
              + (r.abstained() ? " (abstained)" : "");
          Object top = got.get(i).get("top");
          String actual = (top == null ? "none" : top) + (Boolean.TRUE.equals(got.get(i).get("abstained"))
              ? " (abstained)" : "");
          if (!expected.equals(actual)) {
            mismatches.add(c + ": " + queries.get(i) + "\n  route " + expected + "\n  browser " + actual);
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
    assertEquals(expected.hits().get(0).matched(), results.get(0).findElement(By.cssSelector("mark")).getText());
    assertTrue(browser.getCurrentUrl().contains("?q=the+signup"), browser.getCurrentUrl());
    assertTrue(browser.findElement(By.id("ss-search-input-status")).getText().contains("skills"));
    box.sendKeys(Keys.ARROW_DOWN);
    assertEquals("true", results.get(0).getAttribute("aria-selected"));
    box.sendKeys(Keys.ESCAPE);
    assertEquals("false", results.get(0).getAttribute("aria-selected"));
    box.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith(
        "skills/" + expected.hits().get(0).id().value() + "/index.html"));
  }

  @Test
  void slashFocusesTheHeaderBoxWhichDropsDownResults() {
    browser.get(url("elixir", "index.html"));
    browser.findElement(By.tagName("body")).sendKeys("/");
    WebElement active = browser.switchTo().activeElement();
    assertEquals("ss-q", active.getAttribute("id"));
    active.sendKeys("GenServer state");
    List<WebElement> results = waitForResults("ss-q", "GenServer state");
    assertTrue(browser.findElement(By.id("ss-q-pop")).isDisplayed());
    assertEquals(route("elixir", "GenServer state").hits().get(0).id().value(),
        results.get(0).getAttribute("data-skill-id"));
    active.sendKeys(Keys.ESCAPE);
    assertFalse(browser.findElement(By.id("ss-q-pop")).isDisplayed());
  }

  @Test
  void deepLinkSurvivesReloadAndAbstentionSaysNoSkillMatches() {
    browser.get(url("elixir", "search/index.html?q=set+up+supervisord+for+gunicorn"));
    waitForResults("ss-search-input", "set up supervisord for gunicorn");
    browser.navigate().refresh();
    waitForResults("ss-search-input", "set up supervisord for gunicorn");
    assertEquals("set up supervisord for gunicorn",
        browser.findElement(By.id("ss-search-input")).getAttribute("value"));
    assertEquals("true", browser.findElement(By.id("ss-search-input-results")).getAttribute("data-abstained"));
    assertTrue(browser.findElement(By.id("ss-search-input-status")).getText().startsWith("No skill matches"));
  }

  @Test
  void worksFromFileUrls() {
    browser.get(sites.get("elixir").resolve("search/index.html").toUri() + "?q=GenServer+state");
    List<WebElement> results = waitForResults("ss-search-input", "GenServer state");
    assertEquals(route("elixir", "GenServer state").hits().get(0).id().value(),
        results.get(0).getAttribute("data-skill-id"));
  }

  @Test
  void hostileSkillTextIsShownAsText() {
    browser.get(url("hostile", "search/index.html?q=onerror+pwned+script"));
    List<WebElement> results = waitForResults("ss-search-input", "onerror pwned script");
    assertTrue(results.get(0).getAttribute("data-skill-id").startsWith("x-evil"));
    assertTrue(results.get(0).getText().contains(HOSTILE), results.get(0).getText());
    JavascriptExecutor js = browser;
    assertEquals(0L, js.executeScript(
        "return document.querySelectorAll('#ss-search-input-results img, #ss-search-input-results script').length"));
    assertEquals(null, js.executeScript("return window.__pwned === undefined ? null : window.__pwned"));
  }

  /**
   * On a 360-pixel-wide phone no page scrolls sideways: long words and paths in descriptions, "Not for" clauses,
   * headings and tables wrap or scroll inside their own box. Every page of anthropic (long unbroken slash lists
   * in descriptions) and the index pages of large.
   */
  @Test
  void everyPageFitsAPhoneScreen() throws IOException {
    List<String> pages = new ArrayList<>();
    Path anthropic = sites.get("anthropic");
    try (var files = Files.walk(anthropic)) {
      files.filter(f -> f.toString().endsWith(".html"))
          .map(f -> "anthropic/" + anthropic.relativize(f).toString().replace('\\', '/'))
          .sorted().forEach(pages::add);
    }
    for (String p : List.of("index.html", "skills/index.html", "triggers/index.html", "health/index.html",
        "search/index.html?q=deploy+to+cloudflare", "404.html")) {
      pages.add("large/" + p);
    }
    Dimension before = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(360, 800));
    List<String> wide = new ArrayList<>();
    try {
      for (String page : pages) {
        int slash = page.indexOf('/');
        browser.get(url(page.substring(0, slash), page.substring(slash + 1)));
        // measured once the page has loaded and been laid out twice (fonts and highlighting settled)
        Number extra = (Number) browser.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "function measure() { requestAnimationFrame(function () { requestAnimationFrame(function () {"
                + "  var e = document.documentElement; done(e.scrollWidth - e.clientWidth); }); }); }"
                + "if (document.readyState === 'complete') { measure(); }"
                + "else { addEventListener('load', measure); }");
        if (extra.intValue() > 0) {
          // the innermost elements that stick out, to say what to fix
          Object culprits = browser.executeScript(
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
      browser.manage().window().setSize(before);
    }
    assertTrue(pages.size() > 100, "pages: " + pages.size());
    assertTrue(wide.isEmpty(), String.join("\n", wide));
  }

  private static List<WebElement> waitForResults(String box, String query) {
    By list = By.cssSelector("#" + box + "-results[data-state='done'][data-query='" + query + "']");
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(list).isEmpty());
    List<WebElement> items = browser.findElement(list).findElements(By.cssSelector("li[data-skill-id]"));
    assertFalse(items.isEmpty(), "results for " + query);
    return items;
  }

  private static RouteResult route(String corpus, String query) {
    try (RoutingIndex index = RoutingIndex.open(sites.get(corpus).resolve(BuildPipeline.LUCENE_DIR))) {
      RouteResult r = new Router(index).route(query, 10);
      assertNotNull(r);
      return r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String url(String site, String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + SUB + site + "/" + path;
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

  /** A collection with one skill whose name, description and trigger phrase carry markup and script. */
  private static Path hostileContent(Path dir) throws IOException {
    Path skill = dir.resolve("x-evil");
    Files.createDirectories(skill);
    String desc = "Use when the user says \\\"" + HOSTILE.replace("\"", "\\\"") + " pwned\\\" or asks about "
        + "<script>window.__pwned=2</script> onerror handling.";
    Files.writeString(skill.resolve("SKILL.md"), "---\nname: \"x-evil" + HOSTILE.replace("\"", "\\\"")
        + "\"\ndescription: \"" + desc + "\"\n---\n# <script>window.__pwned=3</script> heading\n\nBody.\n",
        StandardCharsets.UTF_8);
    Path other = dir.resolve("calm");
    Files.createDirectories(other);
    Files.writeString(other.resolve("SKILL.md"),
        "---\nname: calm\ndescription: Use when the user asks to water the garden plants.\n---\n# Garden\n",
        StandardCharsets.UTF_8);
    return dir;
  }

  private static void serve(HttpExchange ex) throws IOException {
    String rest = ex.getRequestURI().getPath().substring(SUB.length());
    int slash = rest.indexOf('/');
    Path site = slash < 0 ? null : sites.get(rest.substring(0, slash));
    Path file = site == null ? null : site.resolve(rest.substring(slash + 1)).normalize();
    if (file != null && Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    if (file == null || !file.startsWith(site) || !Files.isRegularFile(file)) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    String name = file.getFileName().toString();
    ex.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
        : name.endsWith(".js") ? "text/javascript; charset=utf-8" : name.endsWith(".css") ? "text/css"
        : "application/octet-stream");
    byte[] body = Files.readAllBytes(file);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
