package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ATX headings ({@code ## Title}) of a Markdown body, outside fenced code blocks (closed as
 * CommonMark does).
 */
final class Headings {
  private static final Pattern ATX = Pattern.compile("^ {0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern EMPHASIS = Pattern.compile("[*_`]");

  private Headings() {}

  static List<String> of(String markdown) {
    List<String> out = new ArrayList<>();
    String fence = null;
    int n = markdown.length();
    for (int start = 0; start < n; ) {
      int end = markdown.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      // most lines are prose: only a line whose first character (after up to 3 spaces) is `, ~ or #
      // can open
      // a fence or be a heading, so only those are cut out and matched
      int at = start;
      while (at < start + 3 && at < end && markdown.charAt(at) == ' ') {
        at++;
      }
      char first = at < end ? markdown.charAt(at) : ' ';
      if (first == '`' || first == '~' || fence == null && first == '#') {
        String line = markdown.substring(start, end);
        Matcher f = FENCE.matcher(line);
        if (first != '#' && f.find()) {
          String marker = f.group(1);
          if (fence == null) {
            fence = marker;
          } else if (marker.charAt(0) == fence.charAt(0)
              && marker.length() >= fence.length()
              && line.substring(f.end()).isBlank()) {
            fence =
                null; // as CommonMark closes a fence: the same character, at least as many, nothing
            // after
          }
        } else if (fence == null) {
          Matcher h = ATX.matcher(line);
          if (h.matches()) {
            String text = EMPHASIS.matcher(h.group(1)).replaceAll("").strip();
            if (!text.isEmpty()) {
              out.add(text);
            }
          }
        }
      }
      start = end + 1;
    }
    return out;
  }
}
