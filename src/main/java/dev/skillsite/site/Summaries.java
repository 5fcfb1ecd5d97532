package dev.skillsite.site;

import java.util.regex.Pattern;

/** Short forms of long texts for lists and meta tags. */
final class Summaries {
  static final int ONE_LINE = 200;
  static final int META = 300;
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s,;:.]+$");

  private Summaries() {}

  /** The text on one line, cut at a word boundary with an ellipsis when longer than {@code max}. */
  public static String clip(String text, int max) {
    String flat = flat(text);
    if (flat.length() <= max) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', max - 1);
    return TRAILING_PUNCTUATION
            .matcher(flat.substring(0, cut > max / 2 ? cut : max - 1))
            .replaceAll("")
        + "…";
  }

  /**
   * Runs of whitespace made one space, ends stripped. Most descriptions are one line with single
   * spaces, and the same ones are clipped for many pages: those are returned as they are, without
   * running the pattern.
   */
  static String flat(String text) {
    int n = text.length();
    boolean clean =
        n == 0
            || !Character.isWhitespace(text.charAt(0))
                && !Character.isWhitespace(text.charAt(n - 1));
    for (int i = 0; i < n && clean; i++) {
      char c = text.charAt(i);
      clean =
          c == ' '
              ? text.charAt(i + 1) != ' '
              : c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r';
    }
    return clean ? text : SPACES.matcher(text).replaceAll(" ").strip();
  }
}
