package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ATX headings ({@code ## Title}) of a Markdown body, outside fenced code blocks. */
final class Headings {
  private static final Pattern ATX = Pattern.compile("^ {0,3}#{1,6}\\s+(.+?)\\s*#*\\s*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern EMPHASIS = Pattern.compile("[*_`]");

  private Headings() {}

  static List<String> of(String markdown) {
    List<String> out = new ArrayList<>();
    String fence = null;
    for (String line : markdown.split("\n")) {
      // most lines are prose: only a line whose first character (after up to 3 spaces) is `, ~ or # can open
      // a fence or be a heading, so the patterns run on those alone
      int at = 0;
      while (at < 3 && at < line.length() && line.charAt(at) == ' ') {
        at++;
      }
      char first = at < line.length() ? line.charAt(at) : ' ';
      if (first != '`' && first != '~' && first != '#') {
        continue;
      }
      Matcher f = FENCE.matcher(line);
      if (f.find()) {
        String marker = f.group(1);
        if (fence == null) {
          fence = marker.substring(0, 3);
        } else if (marker.startsWith(fence)) {
          fence = null;
        }
        continue;
      }
      if (fence != null) {
        continue;
      }
      Matcher h = ATX.matcher(line);
      if (h.matches()) {
        String text = EMPHASIS.matcher(h.group(1)).replaceAll("").strip();
        if (!text.isEmpty()) {
          out.add(text);
        }
      }
    }
    return out;
  }
}
