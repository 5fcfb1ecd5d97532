package dev.skillsite.content;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Optional;

/** Paths relative to the content root, written with {@code /} and compared in UTF-8 byte order. */
final class RelPaths {
  /** Byte order of the UTF-8 encoding (the same as code point order). */
  static final Comparator<String> ORDER = RelPaths::compare;

  private RelPaths() {}

  static String of(Path root, Path file) {
    String rel = root.relativize(file).toString();
    String separator = file.getFileSystem().getSeparator();
    return separator.equals("/") ? rel : rel.replace(separator, "/");
  }

  /** Folder part of a relative path ({@code ""} at the root). */
  static String parent(String rel) {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? "" : rel.substring(0, slash);
  }

  /** Last segment of a relative path. */
  static String fileName(String rel) {
    return rel.substring(rel.lastIndexOf('/') + 1);
  }

  /** Whether {@code path} is {@code folder} or inside it ({@code ""} contains everything). */
  static boolean contains(String folder, String path) {
    return folder.isEmpty() || path.equals(folder) || path.startsWith(folder + "/");
  }

  /** Joins two relative paths, either of which may be {@code ""}. */
  static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
  }

  /**
   * Normalises a path written in a manifest ({@code ./skills/pdf/}, {@code skills//pdf}) relative to
   * {@code base}; empty when it is absolute or climbs out of the root.
   */
  static Optional<String> normalize(String base, String written) {
    if (written.startsWith("/") || written.contains("\\") || written.contains(":")) {
      return Optional.empty();
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : (base + "/" + written).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return Optional.of(String.join("/", parts));
  }

  private static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return Integer.compare(a.codePointAt(i), b.codePointAt(i));
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
