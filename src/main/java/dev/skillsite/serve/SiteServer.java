package dev.skillsite.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a built site over HTTP on one address (loopback unless told otherwise). With live reload
 * on, every HTML page gets our reload script, which polls {@code /__skillsite/status} and reloads
 * the page when the site changed, or shows the diagnostics of a broken save.
 */
public final class SiteServer implements AutoCloseable {
  static final String PREFIX = "/__skillsite/";
  private static final byte[] RELOAD_TAG =
      "<script src=\"/__skillsite/reload.js\" defer></script>".getBytes(StandardCharsets.UTF_8);

  /**
   * Request threads: one per connection being read or answered, up to this many, then requests
   * queue. The JDK server hands each new connection to a thread that blocks until the request has
   * arrived, and writes a response until the client has taken it: four threads let four idle or
   * slow clients stop everyone else.
   */
  static final int THREADS = 64;

  /**
   * Seconds a connection may take to send its request, and to take its response, before the JDK
   * server closes it (its own settings, read once per JVM, when the first server starts: a user's
   * {@code -D} wins).
   */
  static final String REQUEST_SECONDS = "10";

  static final String RESPONSE_SECONDS = "60";
  private static final int WRITE_SLICE = 64 * 1024;

  private final HttpServer http;
  private final ExecutorService pool = requestThreads();
  private final StaticFiles files;
  private final HostCheck hosts;
  private final BuildStatus status;
  private final boolean liveReload;

  private SiteServer(
      HttpServer http, Path root, BuildStatus status, boolean liveReload, HostCheck hosts) {
    this.http = http;
    this.hosts = hosts;
    this.files = new StaticFiles(root);
    this.status = status;
    this.liveReload = liveReload;
    http.createContext("/", this::handle);
    http.setExecutor(pool);
  }

  private static ExecutorService requestThreads() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "skillsite-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true); // threads are made as connections come and end when idle
    return pool;
  }

  /** Starts serving {@code root} on {@code host:port} (port 0 picks a free one). */
  public static SiteServer start(
      String host, int port, Path root, BuildStatus status, boolean liveReload) throws IOException {
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
    }
    if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
      System.setProperty("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS);
    }
    SiteServer s =
        new SiteServer(
            HttpServer.create(new InetSocketAddress(host, port), 0),
            root,
            status,
            liveReload,
            HostCheck.forBind(host));
    s.http.start();
    return s;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!hosts.allows(ex.getRequestHeaders().getFirst("Host"))) {
        send(
            ex,
            403,
            "text/plain; charset=utf-8",
            ("skillsite serve: this server answers requests for localhost,"
                    + " 127.0.0.1 and [::1] only (a defence against DNS rebinding); open http://127.0.0.1:"
                    + port()
                    + "/\n")
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(
            ex,
            405,
            "text/plain; charset=utf-8",
            "method not allowed\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (path == null
          || ex.getRequestURI().getRawPath().contains("%2F")
          || ex.getRequestURI().getRawPath().contains("%2f")) {
        notFound(ex);
        return;
      }
      if (path.startsWith(PREFIX)) {
        serveInternal(ex, path.substring(PREFIX.length()));
        return;
      }
      if (files.isDirectoryWithoutSlash(path)) {
        ex.getResponseHeaders().set("Location", ex.getRequestURI().getRawPath() + "/");
        send(ex, 301, "text/plain; charset=utf-8", new byte[0]);
        return;
      }
      Optional<Path> file = files.resolve(path);
      if (file.isEmpty()) {
        notFound(ex);
        return;
      }
      String type = StaticFiles.contentType(file.get());
      if (StaticFiles.sharedAcrossOrigins(path, file.get())) {
        ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      }
      send(ex, 200, type, withReload(type, StaticFiles.read(file.get())));
    }
  }

  private void serveInternal(HttpExchange ex, String name) throws IOException {
    switch (name) {
      case "status" -> {
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(
            ex,
            200,
            "application/json; charset=utf-8",
            status.json().getBytes(StandardCharsets.UTF_8));
      }
      case "status.js" -> { // the same, for pages whose policy allows scripts from the site and no
        // fetch
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        send(
            ex,
            200,
            "text/javascript; charset=utf-8",
            ("window.__skillsiteStatus && window.__skillsiteStatus(" + status.json() + ");\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      case "reload.js" -> {
        try (InputStream in = SiteServer.class.getResourceAsStream("reload.js")) {
          send(ex, 200, "text/javascript; charset=utf-8", in.readAllBytes());
        }
      }
      default -> notFound(ex);
    }
  }

  private void notFound(HttpExchange ex) throws IOException {
    Optional<Path> page = files.resolve("/404.html");
    byte[] body =
        page.isPresent()
            ? atRoot(StaticFiles.read(page.get()))
            : "not found\n".getBytes(StandardCharsets.UTF_8);
    String type = page.isPresent() ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
    send(ex, 404, type, withReload(type, body));
  }

  /**
   * A 404 page whose links are relative to the site's root (built without a base URL) is answered
   * at any depth: this server serves the site at /, so a {@code <base href="/">} makes them right
   * (its CSP allows a base of the site's own origin). A page with absolute links is left as it is.
   */
  static byte[] atRoot(byte[] page) {
    String html = new String(page, StandardCharsets.UTF_8);
    int head = html.indexOf("<head>");
    if (head < 0 || !html.contains("data-root=\"\"")) {
      return page;
    }
    int at = head + "<head>".length();
    return (html.substring(0, at) + "\n<base href=\"/\">" + html.substring(at))
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] withReload(String type, byte[] body) {
    if (!liveReload || !type.startsWith("text/html")) {
      return body;
    }
    String html = new String(body, StandardCharsets.UTF_8);
    int at = html.lastIndexOf("</body>");
    String tag = new String(RELOAD_TAG, StandardCharsets.UTF_8);
    return (at < 0 ? html + tag : html.substring(0, at) + tag + html.substring(at))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    if (head) { // the length a GET would get: HttpServer takes it from the header for HEAD
      ex.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
    }
    ex.sendResponseHeaders(code, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        // in slices: a socket write copies its whole buffer into native memory first (16 MB for a
        // 16 MB file)
        for (int at = 0; at < body.length; at += WRITE_SLICE) {
          os.write(body, at, Math.min(WRITE_SLICE, body.length - at));
        }
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
  }
}
