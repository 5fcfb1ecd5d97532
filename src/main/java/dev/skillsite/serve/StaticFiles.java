package dev.skillsite.serve;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.output.OutputLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a request path to a file of the served folder, and only to one: {@code ..} segments, encoded
 * traversal, backslashes, NUL and symbolic links anywhere on the way resolve to nothing.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("json", "application/json; charset=utf-8"),
          Map.entry("xml", "application/xml; charset=utf-8"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("md", "text/markdown; charset=utf-8"),
          Map.entry("gz", "application/gzip"),
          Map.entry("zip", "application/zip"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"));

  private final Path root;

  StaticFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The file for a decoded URL path such as {@code /skills/x/}; directories give their {@code
   * index.html}.
   */
  Optional<Path> resolve(String decodedPath) {
    if (decodedPath.isEmpty()
        || decodedPath.charAt(0) != '/'
        || decodedPath.indexOf('\0') >= 0
        || decodedPath.indexOf('\\') >= 0) {
      return Optional.empty();
    }
    Path p = root;
    for (String segment : decodedPath.substring(1).split("/", -1)) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals("..")
          || segment.equals(".")
          || segment.contains(":")
          || (p == root
              && (segment.equals(BuildCache.FOLDER) || segment.equals(OutputLocation.MARKER)))) {
        return Optional.empty();
      }
      p = p.resolve(segment);
      if (Files.isSymbolicLink(p)) {
        return Optional.empty();
      }
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      p = p.resolve("index.html");
    }
    if (!p.normalize().startsWith(root) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(p);
  }

  /** A directory URL without its trailing slash must be redirected so relative links resolve. */
  boolean isDirectoryWithoutSlash(String decodedPath) {
    return !decodedPath.endsWith("/")
        && resolve(decodedPath)
            .map(
                f ->
                    f.getFileName().toString().equals("index.html")
                        && !decodedPath.endsWith("index.html"))
            .orElse(false);
  }

  /**
   * Whether agents on other origins may fetch the file: the discovery index and what it points to
   * (SKILL.md files and skill archives), as a static host serving {@code .well-known} does.
   */
  static boolean sharedAcrossOrigins(String decodedPath, Path file) {
    String n = file.getFileName().toString();
    return decodedPath.startsWith("/.well-known/") || n.equals("SKILL.md") || n.endsWith(".tar.gz");
  }

  static String contentType(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String ext = dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  static byte[] read(Path file) throws IOException {
    return Files.readAllBytes(file);
  }
}
