package dev.skillsite.content;

import dev.skillsite.model.ContentPaths;
import java.nio.file.Path;
import java.util.Comparator;
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

  /**
   * Normalises a path written in a manifest ({@code ./skills/pdf/}, {@code skills//pdf}) relative
   * to {@code base}; empty when it is absolute or climbs out of the root.
   */
  static Optional<String> normalize(String base, String written) {
    if (written.startsWith("/") || written.contains("\\") || written.contains(":")) {
      return Optional.empty();
    }
    return ContentPaths.resolve(base, written);
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
