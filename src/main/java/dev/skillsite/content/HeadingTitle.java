package dev.skillsite.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of the first Markdown heading of a document: ATX ({@code # Title}) or setext ({@code
 * Title} over {@code ===}), skipping a leading YAML frontmatter block and fenced code.
 */
final class HeadingTitle {
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
        Optional<String> atx = atxText(line);
        if (atx.isPresent()) {
          return atx;
        }
      } else if (!previous.isBlank()
          && (stripped.startsWith("=") || stripped.startsWith("-"))
          && SETEXT.matcher(line).matches()) {
        return Optional.of(clean(previous));
      }
      previous = line;
    }
    return Optional.empty();
  }

  /** The text of an ATX heading line ({@code ## Title ##}), parsed without regular expressions. */
  private static Optional<String> atxText(String line) {
    int indent = line.length() - line.stripLeading().length();
    if (indent > 3 || line.substring(0, indent).contains("\t")) {
      return Optional.empty();
    }
    int hashes = 0;
    while (indent + hashes < line.length() && line.charAt(indent + hashes) == '#') {
      hashes++;
    }
    int start = indent + hashes;
    if (hashes > 6
        || (start < line.length() && line.charAt(start) != ' ' && line.charAt(start) != '\t')) {
      return Optional.empty();
    }
    String text = line.substring(start).strip();
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '#') {
      end--;
    }
    if (end == 0 || text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t') {
      text = text.substring(0, end).strip();
    }
    return text.isEmpty() ? Optional.empty() : Optional.of(clean(text));
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  private static String clean(String text) {
    return text.strip().replace("**", "").replace("`", "");
  }
}
