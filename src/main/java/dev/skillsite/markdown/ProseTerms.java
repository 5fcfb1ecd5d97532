package dev.skillsite.markdown;

import java.util.Set;
import java.util.TreeSet;

/**
 * The terms of a {@link MentionIndex} that a Markdown text uses in its prose, read line by line
 * without parsing: lines of fenced code blocks and ATX headings are left out, and so are inline
 * code spans, as the cross-linker leaves code and headings alone. Close to what the parser would
 * show, not exact (indented code, raw HTML and link targets are read as prose); it only counts how
 * widely a term is used ({@link MentionIndex#withoutCommon}), which does not need a syntax tree of
 * every document.
 */
final class ProseTerms {
  private ProseTerms() {}

  static Set<String> of(String markdown, MentionIndex index) {
    Set<String> terms = new TreeSet<>();
    if (index.maxWords() == 0) {
      return terms;
    }
    MentionFinder finder = new MentionFinder(index);
    char fence = 0;
    int fenceLength = 0;
    int start = 0;
    while (start <= markdown.length()) {
      int end = markdown.indexOf('\n', start);
      if (end < 0) {
        end = markdown.length();
      }
      String line = markdown.substring(start, end).strip();
      start = end + 1;
      int run = fenceRun(line);
      if (fence != 0) {
        if (run >= fenceLength && line.charAt(0) == fence && line.substring(run).isBlank()) {
          fence = 0;
        }
        continue;
      }
      if (run >= 3) {
        fence = line.charAt(0);
        fenceLength = run;
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      finder.find(withoutCodeSpans(line)).forEach(m -> terms.add(m.term()));
    }
    return terms;
  }

  /** How many fence characters ({@code `} or {@code ~}) the line starts with. */
  private static int fenceRun(String line) {
    if (line.isEmpty() || line.charAt(0) != '`' && line.charAt(0) != '~') {
      return 0;
    }
    int n = 0;
    while (n < line.length() && line.charAt(n) == line.charAt(0)) {
      n++;
    }
    return n;
  }

  /**
   * The line with each {@code `code span`} (a run of backticks to the next run of as many) blanked
   * out.
   */
  private static String withoutCodeSpans(String line) {
    if (line.indexOf('`') < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder(line.length());
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c != '`') {
        out.append(c);
        i++;
        continue;
      }
      int open = i;
      while (i < line.length() && line.charAt(i) == '`') {
        i++;
      }
      int n = i - open;
      int close = closingRun(line, i, n);
      if (close < 0) {
        out.append(line, open, i);
      } else {
        out.append(' ');
        i = close + n;
      }
    }
    return out.toString();
  }

  private static int closingRun(String line, int from, int n) {
    int i = from;
    while (i < line.length()) {
      if (line.charAt(i) != '`') {
        i++;
        continue;
      }
      int run = i;
      while (i < line.length() && line.charAt(i) == '`') {
        i++;
      }
      if (i - run == n) {
        return run;
      }
    }
    return -1;
  }
}
