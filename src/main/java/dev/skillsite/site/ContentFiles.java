package dev.skillsite.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which files of the content tree may be copied into the site: regular files inside their skill
 * folder, reached without symlinks, of a type browsers show as an image or as text (never HTML,
 * SVG, XML or scripts that a page could run), at most {@link #MAX_BYTES} big. Without a content
 * root nothing is. No type a web server runs (PHP, CGI, ASP, JSP, server-side includes) is on the
 * list: a contributor's {@code evil.php} would be code on a PHP-enabled host (issue 26).
 * docs/security.md lists the types; a test keeps the two equal.
 */
final class ContentFiles {
  static final long MAX_BYTES = 20L * 1024 * 1024;
  private static final Set<String> PUBLISHABLE =
      Set.of(
          "png",
          "jpg",
          "jpeg",
          "gif",
          "webp",
          "avif",
          "bmp",
          "ico",
          "txt",
          "text",
          "json",
          "jsonl",
          "yaml",
          "yml",
          "toml",
          "csv",
          "tsv",
          "ini",
          "cfg",
          "conf",
          "log",
          "diff",
          "patch",
          "py",
          "sh",
          "bash",
          "zsh",
          "ps1",
          "rb",
          "ex",
          "exs",
          "heex",
          "eex",
          "erl",
          "go",
          "rs",
          "java",
          "kt",
          "kts",
          "scala",
          "ts",
          "tsx",
          "jsx",
          "c",
          "h",
          "cc",
          "cpp",
          "hpp",
          "cs",
          "sql",
          "r",
          "lua",
          "swift",
          "dart",
          "proto",
          "graphql",
          "gql",
          "tf",
          "hcl",
          "gradle",
          "properties",
          "env",
          "lock",
          "mdx",
          "rst",
          "tex");

  /**
   * Types a web server may run: never published, not even as an inner extension ({@code
   * x.php.txt}).
   */
  private static final Set<String> SERVER_SIDE =
      Set.of(
          "php",
          "php3",
          "php4",
          "php5",
          "php7",
          "php8",
          "phtml",
          "phar",
          "pht",
          "phps",
          "cgi",
          "fcgi",
          "pl",
          "asp",
          "aspx",
          "ashx",
          "asmx",
          "jsp",
          "jspx",
          "shtml",
          "stm",
          "shtm",
          "cfm",
          "cfml",
          "htaccess");

  private static final Set<String> PLAIN_NAMES =
      Set.of(
          "license",
          "licence",
          "notice",
          "readme",
          "makefile",
          "dockerfile",
          "gemfile",
          "procfile",
          "copying",
          "authors",
          "changelog");

  private final Optional<Path> root;

  /** The extensions of files that may be published, lowercase. */
  static Set<String> extensions() {
    return PUBLISHABLE;
  }

  ContentFiles(Optional<Path> root) {
    this.root = root.map(p -> p.toAbsolutePath().normalize());
  }

  /** The content root files are copied from, if any. */
  Optional<Path> root() {
    return root;
  }

  /** Whether something exists at this content path (not following a final symlink). */
  boolean exists(String contentPath) {
    return root.map(r -> Files.exists(r.resolve(contentPath), LinkOption.NOFOLLOW_LINKS))
        .orElse(false);
  }

  /**
   * What is at this content path when it is no regular file: a symbolic link (not followed), a
   * folder, or a FIFO, socket or device (never opened); empty for a regular file or nothing.
   */
  Optional<String> notARegularFile(String contentPath) {
    if (root.isEmpty()) {
      return Optional.empty();
    }
    Path p = root.get().resolve(contentPath).normalize();
    if (!p.startsWith(root.get())) {
      return Optional.empty();
    }
    if (Files.isSymbolicLink(p)) {
      return Optional.of("a symbolic link, which is not followed");
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("a folder");
    }
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("a FIFO, socket or device, not a regular file; it is never opened");
    }
    return Optional.empty();
  }

  /**
   * The file to copy for {@code contentPath}, if it may be published from the skill folder {@code
   * skillDir}.
   */
  Optional<Path> publishable(String contentPath, String skillDir) {
    if (root.isEmpty() || !isPublishableName(contentPath)) {
      return Optional.empty();
    }
    return regularFileWithoutSymlinks(contentPath, skillDir).filter(p -> size(p) <= MAX_BYTES);
  }

  /** The SKILL.md itself, for the raw copy next to the skill page. */
  Optional<Path> source(String contentPath, String skillDir) {
    return root.isEmpty()
        ? Optional.empty()
        : regularFileWithoutSymlinks(contentPath, skillDir).filter(p -> size(p) <= MAX_BYTES);
  }

  private Optional<Path> regularFileWithoutSymlinks(String contentPath, String skillDir) {
    Path r = root.orElseThrow();
    Path file = r.resolve(contentPath).normalize();
    if (!file.startsWith(r) || !(skillDir.isEmpty() || contentPath.startsWith(skillDir + "/"))) {
      return Optional.empty();
    }
    Path p = r;
    for (Path part : r.relativize(file)) {
      p = p.resolve(part);
      if (Files.isSymbolicLink(p)) {
        return Optional.empty();
      }
    }
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        ? Optional.of(file)
        : Optional.empty();
  }

  /** The first extension of the file name of {@code path} that a web server runs, if any. */
  static Optional<String> serverSideExtension(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String[] parts = name.split("\\.");
    for (int i = 1; i < parts.length; i++) {
      if (SERVER_SIDE.contains(parts[i])) {
        return Optional.of(parts[i]);
      }
    }
    return name.equals(".htaccess") ? Optional.of("htaccess") : Optional.empty();
  }

  static boolean isPublishableName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return PLAIN_NAMES.contains(name);
    }
    // Apache's mod_mime runs evil.php.png as PHP where a handler is set by extension: no server
    // type anywhere
    for (String part : name.split("\\.")) {
      if (SERVER_SIDE.contains(part)) {
        return false;
      }
    }
    return PUBLISHABLE.contains(name.substring(dot + 1));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }
}
