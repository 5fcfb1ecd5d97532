package dev.skillsite.site;

import java.util.Optional;

/**
 * Our scripts as the site serves them: without their whole-line comments (a line that starts with
 * {@code //}, or a block comment whose {@code /*} starts a line and whose end closes one), which
 * are for the reader of the source, not the browser. Only whole lines go, so no string, regular
 * expression or code is touched; a block comment that ends inside a line leaves the script as it
 * is. The search's first query downloads about 3 KB gzip less.
 */
final class ScriptComments {
  private ScriptComments() {}

  /** {@code script} without its whole-line comments; empty when a comment does not end a line. */
  static Optional<String> strip(String script) {
    StringBuilder out = new StringBuilder(script.length());
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
      out.append(line).append(i < lines.length - 1 ? "\n" : "");
    }
    if (inBlock) {
      return Optional.empty();
    }
    return Optional.of(out.toString());
  }
}
