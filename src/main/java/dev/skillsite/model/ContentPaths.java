package dev.skillsite.model;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Paths inside the content root as the model writes them: relative, {@code /}-separated, {@code ""}
 * for the root. The one place where they are split, joined and resolved (loading, Markdown links
 * and checks use it).
 */
public final class ContentPaths {
  /**
   * The folder at the content root whose files are published as they are, at the same path from the
   * site's root ({@code static/CNAME} → {@code CNAME}); no skill is loaded from it.
   */
  public static final String STATIC_FOLDER = "static";

  private ContentPaths() {}

  /** The folder of a path ({@code ""} at the root). */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The last segment of a path. */
  public static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Whether {@code path} is {@code folder} or inside it ({@code ""} contains everything). */
  public static boolean contains(String folder, String path) {
    return folder.isEmpty() || path.equals(folder) || path.startsWith(folder + "/");
  }

  /** Joins two paths, either of which may be {@code ""}. */
  public static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + "/" + b;
  }

  /**
   * {@code relative} resolved against the folder {@code dir}: empty and {@code .} segments dropped,
   * {@code ..} climbing one folder; empty when it climbs above the root.
   */
  public static Optional<String> resolve(String dir, String relative) {
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : (dir.isEmpty() ? relative : dir + "/" + relative).split("/")) {
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

  /**
   * A link's path as written (percent-encoded) decoded; {@code +} stays a plus; kept as is when
   * malformed.
   */
  public static String decode(String written) {
    if (written.indexOf('%') < 0) {
      return written;
    }
    try {
      return URLDecoder.decode(written.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return written;
    }
  }
}
