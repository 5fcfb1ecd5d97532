package dev.skillsite.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Walks every HTML file of a generated site with jsoup and reports each internal link, image,
 * script, stylesheet or form action whose target file or {@code #anchor} does not exist. Links must
 * name files (a folder link does not work from {@code file://}). Reusable on any site folder:
 * {@code assertEquals(List.of(), BrokenLinkWalker.brokenLinks(dir))}.
 */
public final class BrokenLinkWalker {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private final Path root;
  private final Map<Path, Set<String>> ids = new HashMap<>();

  private BrokenLinkWalker(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** One line per broken link: {@code page.html: href: reason}, sorted. */
  public static List<String> brokenLinks(Path siteDir) {
    return new BrokenLinkWalker(siteDir).walk();
  }

  /** Every HTML file of a site, sorted. */
  public static List<Path> htmlFiles(Path siteDir) {
    try (Stream<Path> files = Files.walk(siteDir)) {
      return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> walk() {
    List<String> problems = new ArrayList<>();
    for (Path file : htmlFiles(root)) {
      Document doc = parse(file);
      ids.put(file, idsOf(doc));
      for (Element e : doc.select("a[href], link[href], img[src], script[src], form[action]")) {
        String attr = e.hasAttr("href") ? "href" : e.hasAttr("src") ? "src" : "action";
        check(file, e.attr(attr))
            .ifPresent(
                reason ->
                    problems.add(root.relativize(file) + ": " + e.attr(attr) + ": " + reason));
      }
    }
    return new TreeSet<>(problems).stream().toList();
  }

  private java.util.Optional<String> check(Path from, String url) {
    if (url.isEmpty()) {
      return java.util.Optional.of("empty link");
    }
    if (SCHEME.matcher(url).find() || url.startsWith("//")) {
      return java.util.Optional.empty();
    }
    if (url.startsWith("/")) {
      return java.util.Optional.of("root-absolute link (breaks under a sub-path and on file://)");
    }
    int hash = url.indexOf('#');
    String fragment = hash < 0 ? "" : url.substring(hash + 1);
    String path = hash < 0 ? url : url.substring(0, hash);
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    Path target =
        path.isEmpty()
            ? from
            : from.getParent()
                .resolve(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8))
                .normalize();
    if (!target.startsWith(root)) {
      return java.util.Optional.of("leaves the site");
    }
    if (Files.isDirectory(target)) {
      return java.util.Optional.of("links a folder, not a file");
    }
    if (!Files.isRegularFile(target)) {
      return java.util.Optional.of("missing file");
    }
    if (!fragment.isEmpty() && target.toString().endsWith(".html")) {
      Set<String> targetIds = ids.computeIfAbsent(target, t -> idsOf(parse(t)));
      String decoded = URLDecoder.decode(fragment.replace("+", "%2B"), StandardCharsets.UTF_8);
      if (!targetIds.contains(decoded)) {
        return java.util.Optional.of("missing anchor #" + decoded);
      }
    }
    return java.util.Optional.empty();
  }

  private static Set<String> idsOf(Document doc) {
    Set<String> found = new TreeSet<>();
    doc.select("[id]").forEach(e -> found.add(e.id()));
    doc.select("a[name]").forEach(e -> found.add(e.attr("name")));
    return found;
  }

  private static Document parse(Path file) {
    try {
      return Jsoup.parse(file.toFile(), "UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
