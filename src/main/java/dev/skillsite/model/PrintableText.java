package dev.skillsite.model;

import java.util.Locale;

/**
 * Text from content made safe to print on one line of a terminal or a CI log (issue 26): control
 * characters (escape sequences, carriage returns, line breaks, C1), bidirectional overrides and
 * isolates, and line and paragraph separators are written as {@code \\u202e}, so that a skill named
 * {@code "\\e[2K\\rbuilt fine"} cannot rewrite the line a maintainer reads, nor reorder it.
 */
public final class PrintableText {
  private PrintableText() {}

  /** {@code text} with every character that could move, hide or reorder what is printed escaped. */
  public static String of(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean unsafe =
          c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || c == 0x061c
              || c == 0x200e
              || c == 0x200f
              || (c >= 0x202a && c <= 0x202e)
              || (c >= 0x2066 && c <= 0x2069)
              || c == 0x2028
              || c == 0x2029
              || Character.isSurrogate(c) && !wellFormedPair(text, i);
      if (unsafe && sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (unsafe) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }

  private static boolean wellFormedPair(String text, int i) {
    char c = text.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
