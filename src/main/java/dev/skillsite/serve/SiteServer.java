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
import java.util.concurrent.Executors;

/**
 * Serves a built site over HTTP on one address (loopback unless told otherwise). With live reload on,
 * every HTML page gets our reload script, which polls {@code /__skillsite/status} and reloads the page
 * when the site changed, or shows the diagnostics of a broken save.
 */
public final class SiteServer implements AutoCloseable {
  static final String PREFIX = "/__skillsite/";
  private static final byte[] RELOAD_TAG =
      "<script src=\"/__skillsite/reload.js\" defer></script>".getBytes(StandardCharsets.UTF_8);

  private final HttpServer http;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final StaticFiles files;
  private final BuildStatus status;
  private final boolean liveReload;

  private SiteServer(HttpServer http, Path root, BuildStatus status, boolean liveReload) {
    this.http = http;
    this.files = new StaticFiles(root);
    this.status = status;
    this.liveReload = liveReload;
    http.createContext("/", this::handle);
    http.setExecutor(pool);
  }

  /** Starts serving {@code root} on {@code host:port} (port 0 picks a free one). */
  public static SiteServer start(String host, int port, Path root, BuildStatus status, boolean liveReload)
      throws IOException {
    SiteServer s = new SiteServer(HttpServer.create(new InetSocketAddress(host, port), 0), root, status,
        liveReload);
    s.http.start();
    return s;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = ex.getRequestURI().getPath();
      if (path == null || ex.getRequestURI().getRawPath().contains("%2F")
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
        send(ex, 200, "application/json; charset=utf-8", status.json().getBytes(StandardCharsets.UTF_8));
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
    byte[] body = page.isPresent() ? StaticFiles.read(page.get()) : "not found\n".getBytes(StandardCharsets.UTF_8);
    String type = page.isPresent() ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
    send(ex, 404, type, withReload(type, body));
  }

  private byte[] withReload(String type, byte[] body) {
    if (!liveReload || !type.startsWith("text/html")) {
      return body;
    }
    String html = new String(body, StandardCharsets.UTF_8);
    int at = html.lastIndexOf("</body>");
    String tag = new String(RELOAD_TAG, StandardCharsets.UTF_8);
    return (at < 0 ? html + tag : html.substring(0, at) + tag + html.substring(at)).getBytes(StandardCharsets.UTF_8);
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
        os.write(body);
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
  }
}
