package dev.skillsite.site;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's static files under {@code assets/}: our stylesheet and scripts (a user's templates
 * folder may override each by name, under {@code assets/}), and highlight.js (common bundle plus a
 * few grammars) with its light and dark GitHub themes from the WebJar. Read once, in the
 * constructor.
 */
final class AssetCopier {
  static final String[] OURS = {
    "site.css", "site.js", "search-engine.js", "search.js", "favicon.svg", "fork.svg"
  };
  private static final String HLJS = "META-INF/resources/webjars/highlightjs/11.10.0/";
  private static final Map<String, String> WEBJAR =
      Map.of(
          "hljs-light.css", HLJS + "styles/github.min.css",
          "hljs-dark.css", HLJS + "styles/github-dark.min.css");

  /** Grammars beyond highlight.js's common bundle that skill collections use, appended to it. */
  static final List<String> EXTRA_LANGUAGES =
      List.of(
          "clojure",
          "cmake",
          "dart",
          "dockerfile",
          "elixir",
          "erlang",
          "fsharp",
          "gradle",
          "groovy",
          "haskell",
          "http",
          "julia",
          "latex",
          "nginx",
          "ocaml",
          "powershell",
          "protobuf",
          "scala",
          "vim");

  private final Map<String, byte[]> files = new LinkedHashMap<>();

  AssetCopier(Optional<Path> userTemplates) {
    for (String name : OURS) {
      files.put(name, shipped(name, userTemplates));
    }
    files.put("highlight.min.js", highlightJs());
    WEBJAR.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> files.put(e.getKey(), resource(e.getValue())));
  }

  /** The bytes of asset {@code name} as a site built with {@code userTemplates} gets them. */
  static byte[] shipped(String name, Optional<Path> userTemplates) {
    byte[] bytes = source(name, userTemplates);
    if (name.endsWith(".js") && java.util.Arrays.asList(OURS).contains(name)) {
      String script = new String(bytes, StandardCharsets.UTF_8);
      bytes = ScriptComments.strip(script).orElse(script).getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }

  /**
   * The bytes asset {@code name} is made from, read now: {@link #shipped} without our scripts'
   * comments stripped (what {@link AssetUrls} fingerprints: the same source ships the same bytes,
   * and a patch digests it without running the stripper in a new JVM).
   */
  static byte[] source(String name, Optional<Path> userTemplates) {
    if (name.equals("highlight.min.js")) {
      return highlightJs();
    }
    if (WEBJAR.containsKey(name)) {
      return resource(WEBJAR.get(name));
    }
    if (!java.util.Arrays.asList(OURS).contains(name)) {
      throw new IllegalArgumentException("no asset " + name);
    }
    Optional<Path> user =
        userTemplates.map(d -> d.resolve("assets").resolve(name)).filter(Files::isRegularFile);
    return user.map(AssetCopier::read)
        .orElseGet(() -> resource(PageRenderer.CLASSPATH_PREFIX + "/assets/" + name));
  }

  /** Whether {@code userTemplates} holds its own asset {@code name} (only ours can be). */
  static boolean overridden(String name, Optional<Path> userTemplates) {
    return java.util.Arrays.asList(OURS).contains(name)
        && userTemplates
            .map(d -> d.resolve("assets").resolve(name))
            .filter(Files::isRegularFile)
            .isPresent();
  }

  /** The bytes of asset {@code name} as the site gets them. */
  byte[] file(String name) {
    byte[] b = files.get(name);
    if (b == null) {
      throw new IllegalArgumentException("no asset " + name);
    }
    return b.clone();
  }

  void copy(OutputDir out) {
    files.forEach((name, bytes) -> out.write(SiteLayout.ASSETS + name, bytes));
  }

  private static byte[] highlightJs() {
    ByteArrayOutputStream js = new ByteArrayOutputStream();
    js.writeBytes(resource(HLJS + "highlight.min.js"));
    for (String language : EXTRA_LANGUAGES) {
      js.write('\n');
      js.writeBytes(resource(HLJS + "languages/" + language + ".min.js"));
    }
    return js.toByteArray();
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = AssetCopier.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
