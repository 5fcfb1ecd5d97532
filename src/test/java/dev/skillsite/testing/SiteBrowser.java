package dev.skillsite.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.Progress;
import dev.skillsite.site.SiteGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Built sites served over HTTP on 127.0.0.1 under a sub-path ({@code /sub/path/NAME/...}), and
 * Debian's headless Chromium to open them. Without /usr/bin/chromium and its driver the calling
 * test is skipped, unless {@code CI} is set (.ci/run installs them), where it fails.
 *
 * <p>A browser test class declares its sites once and gets them built, served and opened before its
 * first test and stopped after its last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SiteBrowser.PerClass web =
 *     SiteBrowser.perClass(tmp -> Map.of("demo", SiteBrowser.content(tmp, Map.of(
 *         "skills/tidy/SKILL.md", "---\nname: tidy\n..."))));
 * }</pre>
 */
public final class SiteBrowser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String SUB = "/sub/path/";

  private final Map<String, Path> sites;
  private final HttpServer server;
  private final ChromeDriver browser;

  private SiteBrowser(Map<String, Path> sites, HttpServer server, ChromeDriver browser) {
    this.sites = sites;
    this.server = server;
    this.browser = browser;
  }

  /** Skips (or, under CI, fails) the calling test when Chromium or its driver is missing. */
  private static void assumeChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(
          present, "no /usr/bin/chromium and chromedriver (required when CI is set)");
    }
    assertTrue(
        present, "CI needs /usr/bin/chromium and /usr/bin/chromedriver (.ci/run installs them)");
  }

  /** What a test class builds: site name to content folder, made in a fresh temporary folder. */
  @FunctionalInterface
  public interface Contents {
    Map<String, Path> in(Path tmp) throws IOException;
  }

  /**
   * The sites {@code contents} names, built, served and opened in a browser before the test class's
   * first test (register it as a static {@code @RegisterExtension} field) and stopped, with their
   * temporary folder deleted, after its last.
   */
  public static PerClass perClass(Contents contents) {
    return new PerClass(contents);
  }

  /**
   * Writes {@code files} (path relative to a content folder to text, UTF-8) into {@code
   * tmp}/content and returns that folder.
   */
  public static Path content(Path tmp, Map<String, String> files) throws IOException {
    Path content = tmp.resolve("content");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = content.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), java.nio.charset.StandardCharsets.UTF_8);
    }
    return content;
  }

  /** A test class's {@link SiteBrowser}: see {@link #perClass}. */
  public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
    private final Contents contents;
    private Path tmp;
    private SiteBrowser web;

    private PerClass(Contents contents) {
      this.contents = contents;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      tmp = Files.createTempDirectory("site-browser");
      web = build(tmp, new LinkedHashMap<>(contents.in(tmp)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      try {
        if (web != null) {
          web.close();
        }
      } finally {
        web = null;
        if (tmp != null) {
          try (Stream<Path> files = Files.walk(tmp)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(f);
            }
          }
        }
      }
    }

    /** The open browser. */
    public ChromeDriver driver() {
      return web.driver();
    }

    /** See {@link SiteBrowser#site}. */
    public Path site(String name) {
      return web.site(name);
    }

    /** See {@link SiteBrowser#url}. */
    public String url(String site, String path) {
      return web.url(site, path);
    }

    /** See {@link SiteBrowser#open}. */
    public void open(String url) {
      web.open(url);
    }
  }

  /** The named collections of ../shared/corpora, name to content folder, in order. */
  public static Map<String, Path> corpora(List<String> names) {
    Map<String, Path> out = new LinkedHashMap<>();
    names.forEach(n -> out.put(n, Path.of("../shared/corpora", n)));
    return out;
  }

  /**
   * Builds each collection of {@code contents} (name to content folder) into {@code tmp}/site-NAME,
   * serves them and starts a browser.
   */
  public static SiteBrowser build(Path tmp, Map<String, Path> contents) throws IOException {
    assumeChromium();
    BuildPipeline pipeline = new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE);
    Map<String, Path> sites = new LinkedHashMap<>();
    for (Map.Entry<String, Path> c : contents.entrySet()) {
      Path out = tmp.resolve("site-" + c.getKey());
      pipeline.run(new BuildOptions(c.getValue(), out, Optional.empty(), true));
      sites.put(c.getKey(), out);
    }
    return start(sites, Files.createTempDirectory(tmp, "chromium-profile"));
  }

  /**
   * Serves {@code sites} (name to output folder) and starts a browser; {@code profile} is an empty
   * folder.
   */
  private static SiteBrowser start(Map<String, Path> sites, Path profile) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(SUB, ex -> serve(sites, ex));
    // one handler thread per connection Chromium opens in parallel: the default single dispatcher
    // thread can
    // leave a script request waiting behind a kept-alive connection
    server.setExecutor(
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "browser-test-http");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    ChromeDriver browser;
    try {
      browser = HeadlessChromium.start(profile);
    } catch (RuntimeException e) {
      server.stop(0);
      throw e;
    }
    browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
    return new SiteBrowser(new LinkedHashMap<>(sites), server, browser);
  }

  /** The output folder of the site named {@code name}. */
  public Path site(String name) {
    return sites.get(name);
  }

  public ChromeDriver driver() {
    return browser;
  }

  /** The HTTP URL of {@code path} (may carry a query) in the site named {@code site}. */
  public String url(String site, String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + SUB + site + "/" + path;
  }

  /**
   * Opens {@code url} and waits until it has loaded and been laid out twice (highlighting and fonts
   * settled).
   */
  public void open(String url) {
    browser.get(url);
    browser.executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "function settled() { requestAnimationFrame(function () { requestAnimationFrame(function () {"
            + "  done(); }); }); }"
            + "if (document.readyState === 'complete') { settled(); } else { addEventListener('load', settled); }");
  }

  @Override
  public void close() {
    try {
      browser.quit();
    } finally {
      server.stop(0);
    }
  }

  private static void serve(Map<String, Path> sites, HttpExchange ex) throws IOException {
    String rest = ex.getRequestURI().getPath().substring(SUB.length());
    int slash = rest.indexOf('/');
    Path site = slash < 0 ? null : sites.get(rest.substring(0, slash));
    Path file = site == null ? null : site.resolve(rest.substring(slash + 1)).normalize();
    if (file != null && Files.isDirectory(file)) {
      file = file.resolve("index.html");
    }
    if (file == null || !file.startsWith(site) || !Files.isRegularFile(file)) {
      // as GitHub Pages and most hosts do: a missing address gets the site's 404.html, if it has
      // one
      Path notFound = site == null ? null : site.resolve("404.html");
      if (notFound == null || !Files.isRegularFile(notFound)) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      byte[] body = Files.readAllBytes(notFound);
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(404, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
      return;
    }
    String name = file.getFileName().toString();
    ex.getResponseHeaders()
        .set(
            "Content-Type",
            name.endsWith(".html")
                ? "text/html; charset=utf-8"
                : name.endsWith(".js")
                    ? "text/javascript; charset=utf-8"
                    : name.endsWith(".css") ? "text/css" : "application/octet-stream");
    byte[] body = Files.readAllBytes(file);
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
