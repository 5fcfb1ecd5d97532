package dev.skillsite.site;

import java.util.regex.Pattern;

/**
 * Quoting for words of a POSIX shell command a reader copies: text from content is never run as
 * code.
 */
final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:@%+=,-]+");

  private ShellWords() {}

  /** {@code word} as is when it has only plain characters, else in single quotes. */
  static String quote(String word) {
    if (PLAIN.matcher(word).matches() && !word.startsWith("-")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
