package dev.skillsite.site;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * URL arithmetic between the site's files: relative hrefs, absolute URLs from a base URL, safe
 * links.
 */
final class Urls {
  private static final String HEX = "0123456789ABCDEF";

  private Urls() {}

  /**
   * The relative href from the page at {@code from} to the site file {@code to} (both site paths).
   */
  static String relative(String from, String to) {
    String[] a = from.split("/");
    String[] b = to.split("/");
    int common = 0;
    while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) {
      common++;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = common; i < a.length - 1; i++) {
      sb.append("../");
    }
    for (int i = common; i < b.length; i++) {
      sb.append(encodeSegment(b[i]));
      if (i < b.length - 1) {
        sb.append('/');
      }
    }
    return sb.toString();
  }

  /**
   * The prefix that leads from the page at {@code from} to the site root: {@code ""} or {@code
   * ../../}.
   */
  static String root(String from) {
    return "../".repeat((int) from.chars().filter(c -> c == '/').count());
  }

  /**
   * The absolute URL of a site file, directory style for index pages: {@code https://x/skills/a/}.
   */
  static String absolute(String baseUrl, String path) {
    String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    String p =
        path.equals("index.html")
            ? ""
            : path.endsWith("/index.html")
                ? path.substring(0, path.length() - "index.html".length())
                : path;
    return base + encodePath(p);
  }

  /** An http or https URL, else empty: the only external links made from configuration. */
  static Optional<String> external(String url) {
    String u = url.strip();
    String lower = u.toLowerCase(Locale.ROOT);
    boolean web = lower.startsWith("https://") || lower.startsWith("http://");
    boolean clean =
        u.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\');
    return web && clean && u.length() > "https://".length() ? Optional.of(u) : Optional.empty();
  }

  static String encodePath(String path) {
    StringBuilder sb = new StringBuilder();
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(encodeSegment(segments[i]));
    }
    return sb.toString();
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters and a few safe sub-delimiters.
   */
  static String encodeSegment(String segment) {
    StringBuilder sb = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~!$&()*+,;=@".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
      }
    }
    return sb.toString();
  }
}
