package dev.skillsite.site;

/**
 * The templates' {@code html} escaping: the five characters that mean markup in HTML, as Pebble's
 * default does it ({@code HtmlEscape.escapeHtml4Xml} of unbescape: {@code &amp; &lt; &gt; &quot;
 * &#39;}, nothing else). Written here because unbescape's first escape builds its tables of every
 * HTML 5 named reference, ~0.1 s of CPU that a patch build, which renders one page, cannot spare.
 */
final class HtmlText {
  private HtmlText() {}

  /** {@code text} with {@code & < > " '} escaped; the same string when it has none. */
  static String escape(String text) {
    int n = text.length();
    int i = 0;
    while (i < n && !special(text.charAt(i))) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean special(char c) {
    return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
  }
}
