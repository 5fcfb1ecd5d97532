package dev.skillsite.routing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A SolrCloud collection over HTTP and JSON, through any of its nodes: a request that a node cannot
 * answer (it is down, or answers 5xx while the cluster recovers) goes to the next node, round after
 * round for up to {@link #RETRY_FOR}. The three endpoints skillsite uses ({@code /select}, {@code
 * /terms}, {@code /update}) are plain JSON: Java's own HTTP client and Gson are enough, and
 * skillsite.jar carries no SolrJ. Thread-safe.
 */
public final class SolrHttp {
  /** How long a request keeps trying the nodes before it fails. */
  static final Duration RETRY_FOR = Duration.ofSeconds(60);

  /**
   * How long one node may take to answer (an update of a thousand skills on a busy machine takes
   * tens of seconds).
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final List<URI> nodes;
  private final String collection;
  private final HttpClient http;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param nodes base URLs of Solr nodes ({@code http://host:8983/solr}), any of which may answer
   * @param collection the collection's name
   */
  public SolrHttp(List<URI> nodes, String collection) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no Solr node given");
    }
    if (collection.isBlank() || !collection.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "bad collection name '" + collection + "' (letters, digits, . _ -)");
    }
    this.nodes = nodes.stream().map(SolrHttp::withoutSlash).toList();
    this.collection = collection;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  /** {@code http://a:8983/solr,http://b:8983/solr} → two nodes. */
  public static List<URI> parseNodes(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(
            s -> {
              URI u = URI.create(s);
              if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException(
                    "--solr wants http(s) URLs of Solr nodes, got '" + s + "'");
              }
              return u;
            })
        .toList();
  }

  private static URI withoutSlash(URI u) {
    String s = u.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  public String collection() {
    return collection;
  }

  /**
   * A GET-like request of {@code handler} ({@code /select}, {@code /terms}) with the parameters as
   * a form.
   */
  public JsonObject query(String handler, List<Map.Entry<String, String>> params)
      throws IOException {
    String form =
        params.stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"))
            + "&wt=json";
    return send(handler, "application/x-www-form-urlencoded", form);
  }

  /**
   * A GET of {@code path} under the collection ({@code /config/overlay}): for the endpoints whose
   * POST means a change.
   */
  public JsonObject get(String path) throws IOException {
    return send(path, "", null);
  }

  /** Adds or replaces documents (by id). Visible to queries after {@link #commit}. */
  public void add(JsonArray docs) throws IOException {
    send("/update", "application/json", docs.toString());
  }

  /** Deletes documents by id. */
  public void delete(List<String> ids) throws IOException {
    JsonObject o = new JsonObject();
    JsonArray a = new JsonArray();
    ids.forEach(a::add);
    o.add("delete", a);
    send("/update", "application/json", o.toString());
  }

  /** A hard commit that opens a new searcher: what was added is routed from now on. */
  public void commit() throws IOException {
    send("/update?commit=true&waitSearcher=true", "application/json", "{}");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** {@code body} null: a GET. */
  private JsonObject send(String path, String type, String body) throws IOException {
    long deadline = System.nanoTime() + RETRY_FOR.toNanos();
    IOException last = null;
    int start = Math.floorMod(next.getAndIncrement(), nodes.size());
    for (int attempt = 0; ; attempt++) {
      URI node = nodes.get((start + attempt) % nodes.size());
      URI uri = URI.create(node + "/" + collection + path);
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
      HttpRequest req =
          body == null
              ? b.GET().build()
              : b.header("Content-Type", type + "; charset=UTF-8")
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build();
      try {
        HttpResponse<String> res =
            http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (res.statusCode() == 200) {
          return parse(uri, res.body());
        }
        String msg = uri + ": HTTP " + res.statusCode() + ": " + solrMessage(res.body());
        if (res.statusCode() < 500 && res.statusCode() != 404) {
          throw new IllegalArgumentException(
              msg); // the request is wrong: another node would say the same
        }
        last = new IOException(msg);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted: " + uri);
      } catch (IOException e) {
        last = new IOException(uri + ": " + e, e);
      }
      if (System.nanoTime() > deadline) {
        throw last;
      }
      if ((attempt + 1) % nodes.size() == 0) {
        pause(); // every node failed once: give the cluster a moment (leader election, replica
        // recovery)
      }
    }
  }

  private static void pause() throws InterruptedIOException {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  private static JsonObject parse(URI uri, String body) throws IOException {
    try {
      JsonElement e = JsonParser.parseString(body);
      if (!e.isJsonObject()) {
        throw new IOException(uri + ": not a JSON object");
      }
      return e.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IOException(uri + ": bad JSON: " + e.getMessage(), e);
    }
  }

  /** Solr's error message in a JSON error body, else the start of the body. */
  private static String solrMessage(String body) {
    try {
      JsonObject o = JsonParser.parseString(body).getAsJsonObject();
      return o.getAsJsonObject("error").get("msg").getAsString();
    } catch (RuntimeException e) {
      return body.length() > 200 ? body.substring(0, 200) : body;
    }
  }
}
