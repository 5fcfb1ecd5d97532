package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.Progress;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.HeadlessChromium;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A deploy over a site a reader's browser has cached: a host that lets the browser keep every file
 * but the pages for a year (GitHub Pages keeps them 10 minutes; a CDN may keep them longer), and no
 * validators, so what the browser kept it uses without asking. Site A is built, searched, then
 * rebuilt as site B in the same folder with another engine (the packaged one with a marker
 * appended, through a templates folder), another manifest and other chunks (the skill that held the
 * query's phrase is gone, another holds it). After a reload the engine, the manifest and every
 * chunk are B's: the results are B's, never A's or a mix, and the console has no error. An engine
 * that meets a manifest of a format it does not read says so in the console and asks for a reload
 * in the page, and answers nothing.
 */
@Tag("browser")
class DeployCacheBrowserTest {
  private static final String QUERY = "brew green tea";

  /** Twenty skills, one phrase each: a site of several term and phrase chunks. */
  private static final Map<String, String> KITCHEN =
      Map.ofEntries(
          Map.entry("bake-bread", "bake sourdough bread"),
          Map.entry("braise-lamb", "braise lamb shanks"),
          Map.entry("brew-tea", "brew green tea"),
          Map.entry("churn-custard", "churn vanilla custard"),
          Map.entry("cure-bacon", "cure bacon belly"),
          Map.entry("ferment-sauce", "ferment hot sauce"),
          Map.entry("fold-dumplings", "fold dumpling wrappers"),
          Map.entry("grind-coffee", "grind coffee beans"),
          Map.entry("knead-dough", "knead pizza dough"),
          Map.entry("pickle-cucumbers", "pickle cucumbers quickly"),
          Map.entry("poach-salmon", "poach salmon fillets"),
          Map.entry("proof-brioche", "proof brioche buns"),
          Map.entry("render-fat", "render duck fat"),
          Map.entry("roast-cocoa", "roast cocoa nibs"),
          Map.entry("season-iron", "season cast iron"),
          Map.entry("sharpen-knives", "sharpen kitchen knives"),
          Map.entry("smoke-brisket", "smoke brisket slowly"),
          Map.entry("steam-rice", "steam jasmine rice"),
          Map.entry("temper-chocolate", "temper dark chocolate"),
          Map.entry("whisk-meringue", "whisk meringue peaks"));

  private static final String FIRST = "bake sourdough bread";
  private static final String SECOND = "pull taffy candy";

  @TempDir Path tmp;
  private Path site;
  private HttpServer server;
  private ChromeDriver browser;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void serve() throws IOException {
    site = tmp.resolve("site");
    Files.createDirectories(site);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void afterADeployAReloadSearchesTheNewSiteOnly() throws IOException {
    build("A", Map.of("alpha", "brew green tea", "beta", "grind coffee beans"));
    start();
    assertEquals(List.of("alpha"), search(), "site A");
    assertEquals("A", browser.executeScript("return window.deployMarker;"));
    List<String> asked = List.copyOf(requests);

    build(
        "B",
        Map.of("gamma", "brew green tea", "beta", "grind coffee beans", "delta", "roast cocoa"));
    requests.clear();
    browser.navigate().refresh();
    List<String> shown = search();

    assertEquals("B", browser.executeScript("return window.deployMarker;"), "B's engine");
    assertEquals("gamma", shown.get(0), "B's answer: " + shown);
    assertTrue(List.of("gamma", "beta", "delta").containsAll(shown), "B's skills only: " + shown);
    assertTrue(
        requests.stream().anyMatch(r -> r.matches("/search/[tdn]/[0-9a-z]+\\.js\\?g=[0-9a-z]+")),
        "chunks asked for by the new manifest's tag: " + requests);
    assertEquals(List.of(), errors(), "console errors");
    assertTrue(
        asked.stream().anyMatch(r -> r.startsWith("/search/manifest.js?t=")),
        "the manifest is asked for by an address no cache holds: " + asked);
  }

  /**
   * A page left open across a deploy of the same format, no reload: its manifest is A's, and the
   * chunks its next query asks for by A's tag are B's (the host serves what is deployed, whatever
   * the query string). B adds a skill that sorts first, so every document number moves by one, and
   * the phrase chunk the first query loaded holds A's skills under B's numbers: read beside B's
   * term chunks it names a wrong skill. The next query in the same tab answers B's skill, by B's
   * tag, with no console error.
   */
  @Test
  void aPageLeftOpenAcrossADeployAnswersTheNewSiteWithoutAReload() throws IOException {
    Map<String, String> a = new TreeMap<>(KITCHEN);
    build("A", a);
    start();
    browser.get(url("search/index.html?q=" + FIRST.replace(' ', '+')));
    assertEquals("bake-bread", search().get(0), "site A");
    String tagA = tag();
    List<String> before = List.copyOf(requests);

    Map<String, String> b = new TreeMap<>(KITCHEN);
    b.put("aardvark-taffy", SECOND); // sorts first: every other skill's number moves by one
    build("B", b);
    String tagB = tag();
    assertTrue(!tagA.equals(tagB), "B's chunks differ from A's");
    requests.clear();
    List<String> shown = typed(SECOND);

    assertEquals("A", browser.executeScript("return window.deployMarker;"), "the same page");
    assertEquals("aardvark-taffy", shown.get(0), "B's answer: " + shown + requests);
    assertTrue(b.keySet().containsAll(shown), "B's skills only: " + shown);
    List<String> chunksByA =
        requests.stream()
            .filter(r -> r.matches("/search/[tdn]/[0-9a-z]+\\.js\\?g=" + tagA))
            .toList();
    assertTrue(
        chunksByA.stream().anyMatch(r -> !before.contains(r)),
        "the query asked for a chunk the page had not loaded, by A's tag (the mix): " + requests);
    assertTrue(
        requests.stream().anyMatch(r -> r.startsWith("/search/tag.js?t=")),
        "the deployed tag read fresh: " + requests);
    assertTrue(
        requests.stream().anyMatch(r -> r.startsWith("/search/manifest.js?t=")),
        "the manifest read again: " + requests);
    assertTrue(
        requests.stream().anyMatch(r -> r.endsWith(".js?g=" + tagB)),
        "the query asked again by B's tag: " + requests);
    assertEquals(List.of(), errors(), "console errors");

    // the page goes on with B: a query of a skill A had answers as B numbers it
    requests.clear();
    assertEquals("bake-bread", typed(FIRST).get(0));
    assertTrue(
        requests.stream().noneMatch(r -> r.contains("?g=" + tagA)),
        "no chunk by A's tag any more: " + requests);
    assertEquals(List.of(), errors(), "console errors");
  }

  @Test
  void anEngineRefusesAManifestOfAnotherFormatAndAsksForAReload() throws IOException {
    build("A", Map.of("alpha", "brew green tea", "beta", "grind coffee beans"));
    start();
    browser.get(url("search/index.html"));
    // the page stays open while a site whose export has a format this engine does not read is
    // deployed
    build("B", Map.of("alpha", "brew green tea", "beta", "grind coffee beans"));
    Path manifest = site.resolve("search/manifest.js");
    String now = Files.readString(manifest, StandardCharsets.UTF_8);
    String version = "\"version\":" + SearchIndexWriter.FORMAT + ",";
    assertTrue(now.contains(version), now.substring(0, 80));
    Files.writeString(
        manifest,
        now.replace(version, "\"version\":" + (SearchIndexWriter.FORMAT + 1) + ","),
        StandardCharsets.UTF_8);
    browser.findElement(By.id("ss-search-input")).sendKeys(QUERY);
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            d ->
                "failed"
                    .equals(
                        d.findElement(By.id("ss-search-input-results"))
                            .getAttribute("data-state")));

    assertEquals(
        "Search is unavailable: the site was updated; reload the page",
        browser.findElement(By.id("ss-search-input-status")).getText());
    assertEquals(0, browser.findElements(By.cssSelector("#ss-search-input-results li")).size());
    // one for each time the manifest was asked for (the box's focus, the query)
    List<String> errors = errors();
    assertTrue(!errors.isEmpty(), "the console says why");
    for (String e : errors) {
      assertTrue(
          e.contains(
                  "format "
                      + (SearchIndexWriter.FORMAT + 1)
                      + ", this page's engine reads "
                      + SearchIndexWriter.FORMAT)
              && e.contains("reload"),
          e);
    }

    Files.writeString(manifest, now, StandardCharsets.UTF_8); // the export as written: it answers
    browser.navigate().refresh();
    assertEquals(List.of("alpha"), search().subList(0, 1));
    assertEquals(List.of(), errors(), "console errors after the reload");
  }

  /**
   * Builds {@code phrases} (skill id to its one trigger phrase) with the packaged templates but an
   * engine marked {@code marker}, into the served folder (a rebuild replaces the site there).
   */
  private void build(String marker, Map<String, String> phrases) throws IOException {
    Path content = tmp.resolve("content-" + marker);
    for (var e : phrases.entrySet()) {
      TestSkills.write(
          content,
          e.getKey(),
          "Use when the user asks to \"" + e.getValue() + "\".",
          "How to " + e.getValue() + ", step by step.");
    }
    Path templates = tmp.resolve("templates-" + marker);
    Files.createDirectories(templates.resolve("assets"));
    String engine;
    try (var in =
        getClass().getClassLoader().getResourceAsStream("templates/assets/search-engine.js")) {
      engine = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Files.writeString(
        templates.resolve("assets/search-engine.js"),
        engine + "\nwindow.deployMarker = \"" + marker + "\";\n",
        StandardCharsets.UTF_8);
    new BuildPipeline(new SiteGenerator(Optional.of(templates)), Progress.NONE)
        .run(new BuildOptions(content, site, Optional.empty(), true));
  }

  private void start() throws IOException {
    browser = HeadlessChromium.start(Files.createTempDirectory(tmp, "profile"), true);
    browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(1));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  /**
   * {@link #QUERY} on the search page (opened if another is shown): the shown results' skill ids.
   */
  private List<String> search() {
    if (!browser.getCurrentUrl().contains("search/index.html?q=")) {
      browser.get(url("search/index.html?q=" + QUERY.replace(' ', '+')));
    }
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            d -> {
              String state =
                  d.findElement(By.id("ss-search-input-results")).getAttribute("data-state");
              return "done".equals(state) || "failed".equals(state);
            });
    List<String> ids = new ArrayList<>();
    browser
        .findElements(By.cssSelector("#ss-search-input-results li.result"))
        .forEach(li -> ids.add(li.getAttribute("data-skill-id")));
    assertTrue(
        !ids.isEmpty(), browser.findElement(By.id("ss-search-input-status")).getText() + requests);
    return ids;
  }

  /** {@code query} typed into the search page's box (open): the shown results' skill ids. */
  private List<String> typed(String query) {
    var input = browser.findElement(By.id("ss-search-input"));
    input.clear();
    input.sendKeys(query);
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            d -> {
              var list = d.findElement(By.id("ss-search-input-results"));
              String state = list.getAttribute("data-state");
              return "failed".equals(state)
                  || "done".equals(state) && query.equals(list.getAttribute("data-query"));
            });
    List<String> ids = new ArrayList<>();
    browser
        .findElements(By.cssSelector("#ss-search-input-results li.result"))
        .forEach(li -> ids.add(li.getAttribute("data-skill-id")));
    assertTrue(
        !ids.isEmpty(), browser.findElement(By.id("ss-search-input-status")).getText() + requests);
    return ids;
  }

  /** The deployed manifest's tag. */
  private String tag() throws IOException {
    var m =
        Pattern.compile("\"tag\":\"([0-9a-z]+)\"")
            .matcher(Files.readString(site.resolve("search/manifest.js"), StandardCharsets.UTF_8));
    assertTrue(m.find(), "a manifest with a tag");
    return m.group(1);
  }

  /** The console's errors since the last call. */
  private List<String> errors() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  /**
   * The host: every file but a page kept for a year, a page for 10 minutes (as GitHub Pages sends
   * it), no validators; a missing file is a 404.
   */
  private void handle(HttpExchange ex) throws IOException {
    String raw = ex.getRequestURI().getRawPath();
    String query = ex.getRequestURI().getRawQuery();
    requests.add(raw + (query == null ? "" : "?" + query));
    Path file = site.resolve(raw.substring(1)).normalize();
    if (Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    if (!file.startsWith(site) || !Files.isRegularFile(file)) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    String name = file.getFileName().toString();
    boolean page = name.endsWith(".html");
    ex.getResponseHeaders()
        .set(
            "Content-Type",
            page
                ? "text/html; charset=utf-8"
                : name.endsWith(".js")
                    ? "text/javascript; charset=utf-8"
                    : name.endsWith(".css")
                        ? "text/css"
                        : name.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream");
    ex.getResponseHeaders().set("Cache-Control", page ? "max-age=600" : "max-age=31536000");
    byte[] body = Files.readAllBytes(file);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
