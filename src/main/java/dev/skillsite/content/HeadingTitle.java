package dev.skillsite.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of the first Markdown heading of a document: ATX ({@code # Title}) or setext
 * ({@code Title} over {@code ===}), skipping a leading YAML frontmatter block and fenced code.
 */
final class HeadingTitle {
  private static final Pattern ATX = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

  private HeadingTitle() {}

  static Optional<String> of(String markdown) {
    int pos = 0;
    if (markdown.startsWith("---")) {
      int close = markdown.indexOf("\n---", 3);
      pos = close < 0 ? 0 : lineEnd(markdown, close + 1) + 1;
    }
    String fence = null;
    String previous = "";
    while (pos < markdown.length()) {
      int end = lineEnd(markdown, pos);
      String line = markdown.substring(pos, end);
      pos = end + 1;
      String stripped = line.stripLeading();
      if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
        Matcher f = FENCE.matcher(line);
        if (f.find()) {
          String marker = f.group(1);
          if (fence == null) {
            fence = marker;
          } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
            fence = null;
          }
          previous = "";
          continue;
        }
      }
      if (fence != null) {
        continue;
      }
      if (stripped.startsWith("#")) {
        Matcher atx = ATX.matcher(line);
        if (atx.matches() && atx.group(1) != null && !atx.group(1).isBlank()) {
          return Optional.of(clean(atx.group(1)));
        }
      } else if (!previous.isBlank() && (stripped.startsWith("=") || stripped.startsWith("-"))
          && SETEXT.matcher(line).matches()) {
        return Optional.of(clean(previous));
      }
      previous = line;
    }
    return Optional.empty();
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  private static String clean(String text) {
    return text.strip().replace("**", "").replace("`", "");
  }
}
