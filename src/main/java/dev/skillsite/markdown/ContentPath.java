package dev.skillsite.markdown;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Resolves a relative link target against a document's folder, inside the content root. */
final class ContentPath {
  private ContentPath() {}

  /** The folder of a content path ({@code ""} at the root). */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * {@code relative} (percent-encoded, as written in a link) resolved against {@code dir}; empty when it
   * climbs above the content root.
   */
  static Optional<String> resolve(String dir, String relative) {
    String decoded = decode(relative);
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : (dir.isEmpty() ? decoded : dir + "/" + decoded).split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    return Optional.of(String.join("/", parts));
  }

  /** Whether {@code path} is {@code dir} itself or inside it. */
  static boolean isInside(String path, String dir) {
    return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
