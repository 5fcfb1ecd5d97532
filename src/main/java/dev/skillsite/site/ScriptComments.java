package dev.skillsite.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Our scripts as the site serves them: without their whole-line comments (a line that starts with
 * {@code //}, or a block comment whose {@code /*} starts a line and whose end closes one), which
 * are for the reader of the source, not the browser. Only whole lines go, so no string, regular
 * expression or code is touched; a block comment that ends inside a line leaves the script as it
 * is. A comment after code goes when nothing before it could hold a {@code //}; the lines lose
 * their indentation and the blank ones go, unless a line could be inside a string. The search's
 * first query downloads about 3.7 KB gzip less.
 */
final class ScriptComments {
  private ScriptComments() {}

  /** {@code script} without its whole-line comments; empty when a comment does not end a line. */
  static Optional<String> strip(String script) {
    List<String> kept = new ArrayList<>();
    boolean inBlock = false;
    String[] lines = script.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String s = line.strip();
      if (inBlock) {
        if (s.contains("*/")) {
          if (!s.endsWith("*/")) {
            return Optional.empty();
          }
          inBlock = false;
        }
        continue;
      }
      if (s.startsWith("/*")) {
        if (s.indexOf("*/", 2) >= 0) {
          if (!s.endsWith("*/")) {
            return Optional.empty();
          }
        } else {
          inBlock = true;
        }
        continue;
      }
      if (s.startsWith("//")) {
        continue;
      }
      int tail = line.indexOf(" // ");
      // a comment after code goes too when nothing before it could hold a "//" (a string, a regular
      // expression, a division)
      kept.add(
          tail > 0 && line.substring(0, tail).chars().noneMatch(c -> "\"'`/".indexOf(c) >= 0)
              ? line.substring(0, tail).stripTrailing()
              : line);
    }
    if (inBlock) {
      return Optional.empty();
    }
    // indentation is for the reader too, unless a line could be inside a string (a template
    // literal, a line continued by a backslash)
    boolean indentMatters = kept.stream().anyMatch(l -> l.indexOf('`') >= 0 || l.endsWith("\\"));
    StringBuilder out = new StringBuilder(script.length());
    for (int i = 0; i < kept.size(); i++) {
      String line = indentMatters ? kept.get(i) : kept.get(i).stripLeading();
      if (indentMatters || !line.isEmpty() || i == kept.size() - 1) {
        out.append(line).append(i < kept.size() - 1 ? "\n" : "");
      }
    }
    return Optional.of(out.toString());
  }
}
