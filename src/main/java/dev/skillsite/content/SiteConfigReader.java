package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.SourcePos;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the optional {@value #PATH} at the content root into a {@link SiteConfig}, filling gaps
 * from the marketplace: title (else the root folder name), description, and the repository URL when
 * the marketplace homepage is on GitHub. Unknown keys and values of the wrong type are warnings
 * naming their line; a YAML syntax error is an error and the defaults are used. Thread-safe.
 */
final class SiteConfigReader {
  static final String PATH = "skillsite.yaml";
  private static final Set<String> TOP_KEYS =
      Set.of(
          "title",
          "description",
          "base_url",
          "repository",
          "install",
          "stars",
          "forks",
          "upstream",
          "related",
          "routing",
          "summaries",
          "publish_placeholders",
          "audit");
  private static final Set<String> ROUTING_KEYS = Set.of("threshold");
  private static final Set<String> REPOSITORY_KEYS = Set.of("url", "branch", "path");
  private static final Set<String> UPSTREAM_KEYS =
      Set.of("name", "url", "license", "stars", "forks");

  private final YamlComposer yaml;

  SiteConfigReader(YamlComposer yaml) {
    this.yaml = yaml;
  }

  SiteSettings read(Path root, Marketplace marketplace, List<Diagnostic> diagnostics) {
    String rootName = root.getFileName() == null ? "skills" : root.getFileName().toString();
    Map<String, Node> top = Map.of();
    Path file = root.resolve(PATH);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      diagnostics.add(
          Diagnostic.warning(
              SourcePos.of(PATH),
              "not-a-file",
              PATH
                  + " is "
                  + (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                      ? "a folder"
                      : Files.isSymbolicLink(file)
                          ? "a symbolic link"
                          : "a special file (FIFO, socket or device)")
                  + ", not a regular file; the defaults are used"));
    } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      try {
        String text = SourceText.read(file, PATH, YamlComposer.MAX_CODE_POINTS);
        Optional<Node> node = yaml.compose(text, PATH, 1);
        top = node.isEmpty() ? Map.of() : mapping(node.get(), "", TOP_KEYS, diagnostics);
      } catch (ContentException e) {
        diagnostics.add(e.diagnostic());
      }
    }
    Map<String, Node> repo = sub(top, "repository", REPOSITORY_KEYS, diagnostics);
    List<SiteSettings.Relation> relations = relations(top.get("related"), diagnostics);
    Map<String, List<String>> related = new LinkedHashMap<>();
    relations.forEach(r -> related.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r.to()));
    SiteConfig config =
        new SiteConfig(
            text(top, "title", diagnostics).or(marketplace::name).orElse(rootName),
            text(top, "description", diagnostics).or(marketplace::description),
            siteUrl(top, diagnostics),
            text(repo, "repository.url", diagnostics)
                .or(() -> marketplace.homepage().filter(SiteConfigReader::isGitHub)),
            text(repo, "repository.branch", diagnostics).orElse("main"),
            text(repo, "repository.path", diagnostics)
                .map(SiteConfigReader::trimSlashes)
                .orElse(""),
            text(top, "install", diagnostics),
            number(top, "stars", diagnostics),
            number(top, "forks", diagnostics),
            upstream(top, diagnostics),
            related,
            threshold(sub(top, "routing", ROUTING_KEYS, diagnostics), diagnostics),
            summaries(top.get("summaries"), diagnostics),
            marketplace
                .name()
                .map(
                    n ->
                        new SiteConfig.PluginMarketplace(
                            n, marketplace.plugins().stream().map(PluginSpec::name).toList())));
    return new SiteSettings(config, relations, flag(top, "publish_placeholders", diagnostics));
  }

  private Optional<SiteConfig.Upstream> upstream(
      Map<String, Node> top, List<Diagnostic> diagnostics) {
    if (!top.containsKey("upstream")) {
      return Optional.empty();
    }
    Map<String, Node> up = sub(top, "upstream", UPSTREAM_KEYS, diagnostics);
    Optional<String> name = text(up, "upstream.name", diagnostics);
    if (name.isEmpty()) {
      diagnostics.add(
          Diagnostic.warning(
              pos(top.get("upstream")),
              "invalid-config-value",
              "upstream needs a 'name'; it is ignored"));
      return Optional.empty();
    }
    return Optional.of(
        new SiteConfig.Upstream(
            name.get(),
            text(up, "upstream.url", diagnostics),
            text(up, "upstream.license", diagnostics),
            number(up, "upstream.stars", diagnostics),
            number(up, "upstream.forks", diagnostics)));
  }

  /** {@code summaries:}: skill name (or id) to one sentence. */
  private static Map<String, String> summaries(Node node, List<Diagnostic> diagnostics) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!(node instanceof MappingNode map)) {
      diagnostics.add(
          wrongType(node, "summaries", "a mapping of skill names to one sentence each"));
      return out;
    }
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode key
          && t.getValueNode() instanceof ScalarNode value
          && !value.getValue().isBlank()) {
        out.put(key.getValue().strip(), value.getValue().strip());
      } else {
        diagnostics.add(wrongType(t.getValueNode(), "a summary", "one sentence of text"));
      }
    }
    return out;
  }

  private static List<SiteSettings.Relation> relations(Node node, List<Diagnostic> diagnostics) {
    List<SiteSettings.Relation> result = new ArrayList<>();
    if (node == null) {
      return result;
    }
    if (!(node instanceof MappingNode map)) {
      diagnostics.add(wrongType(node, "related", "a mapping of skill names to lists of names"));
      return result;
    }
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        diagnostics.add(wrongType(t.getKeyNode(), "a key of 'related'", "a skill name"));
        continue;
      }
      Node value = t.getValueNode();
      List<Node> items = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
      for (Node item : items) {
        if (item instanceof ScalarNode s && !s.getValue().isBlank()) {
          result.add(
              new SiteSettings.Relation(key.getValue(), pos(key), s.getValue().strip(), pos(s)));
        } else {
          diagnostics.add(wrongType(item, "related." + key.getValue(), "a list of skill names"));
        }
      }
    }
    return result;
  }

  private static Map<String, Node> sub(
      Map<String, Node> parent, String key, Set<String> known, List<Diagnostic> diagnostics) {
    Node node = parent.get(key);
    return node == null ? Map.of() : mapping(node, key + ".", known, diagnostics);
  }

  private static Map<String, Node> mapping(
      Node node, String prefix, Set<String> known, List<Diagnostic> diagnostics) {
    if (!(node instanceof MappingNode map)) {
      diagnostics.add(
          wrongType(
              node,
              prefix.isEmpty() ? PATH : prefix.substring(0, prefix.length() - 1),
              "a mapping"));
      return Map.of();
    }
    Map<String, Node> result = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!known.contains(key)) {
        diagnostics.add(
            Diagnostic.warning(
                pos(t.getKeyNode()),
                "unknown-config-key",
                "unknown key '"
                    + prefix
                    + key
                    + "' in "
                    + PATH
                    + " (known: "
                    + String.join(", ", known.stream().sorted().toList())
                    + ")"));
      } else {
        result.put(key, t.getValueNode());
      }
    }
    return result;
  }

  /**
   * @param key the key, qualified with its section ({@code repository.url})
   */
  /**
   * {@code base_url}, when it is an absolute http(s) URL as {@code --base-url} must be; anything
   * else is ignored with a warning (issue 26: {@code file:///…} and {@code javascript:…} reached
   * llms.txt and the discovery index).
   */
  private static Optional<String> siteUrl(Map<String, Node> top, List<Diagnostic> diagnostics) {
    Optional<String> url = text(top, "base_url", diagnostics);
    if (url.isPresent() && !SiteConfig.isSiteUrl(url.get())) {
      diagnostics.add(
          Diagnostic.warning(
              YamlComposer.pos(PATH, top.get("base_url"), 1),
              "invalid-base-url",
              "base_url must be an absolute http:// or https:// URL; it is ignored"));
      return Optional.empty();
    }
    return url;
  }

  private static Optional<String> text(
      Map<String, Node> map, String key, List<Diagnostic> diagnostics) {
    Node node = map.get(key.substring(key.indexOf('.') + 1));
    if (node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
      return Optional.empty();
    }
    if (!(node instanceof ScalarNode s)) {
      diagnostics.add(wrongType(node, key, "text"));
      return Optional.empty();
    }
    return s.getValue().isBlank() ? Optional.empty() : Optional.of(s.getValue().strip());
  }

  private static boolean flag(Map<String, Node> map, String key, List<Diagnostic> diagnostics) {
    Node node = map.get(key);
    if (node == null) {
      return false;
    }
    if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
      return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
    }
    diagnostics.add(wrongType(node, key, "true or false"));
    return false;
  }

  private static Optional<Integer> number(
      Map<String, Node> map, String key, List<Diagnostic> diagnostics) {
    Node node = map.get(key.substring(key.indexOf('.') + 1));
    if (node == null) {
      return Optional.empty();
    }
    if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        int n =
            Integer.parseInt(
                s.getValue().startsWith("+") ? s.getValue().substring(1) : s.getValue());
        if (n >= 0) {
          return Optional.of(n);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    diagnostics.add(wrongType(node, key, "a whole number"));
    return Optional.empty();
  }

  /** {@code routing.threshold}: a confidence strictly between 0 and 1. */
  private static Optional<Double> threshold(
      Map<String, Node> routing, List<Diagnostic> diagnostics) {
    Node node = routing.get("threshold");
    if (node == null) {
      return Optional.empty();
    }
    if (node instanceof ScalarNode s
        && (s.getTag().equals(Tag.FLOAT) || s.getTag().equals(Tag.INT))) {
      try {
        double t = Double.parseDouble(s.getValue());
        if (t > 0 && t < 1) {
          return Optional.of(t);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    diagnostics.add(wrongType(node, "routing.threshold", "a number between 0 and 1"));
    return Optional.empty();
  }

  private static Diagnostic wrongType(Node node, String key, String expected) {
    String found =
        node instanceof ScalarNode s
            ? "'" + s.getValue() + "'"
            : "a " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    return Diagnostic.warning(
        pos(node),
        "invalid-config-value",
        "'" + key + "' must be " + expected + ", found " + found + "; it is ignored");
  }

  private static SourcePos pos(Node node) {
    return YamlComposer.pos(PATH, node, 1);
  }

  private static boolean isGitHub(String url) {
    return url.startsWith("https://github.com/") || url.startsWith("http://github.com/");
  }

  private static String trimSlashes(String path) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
