package dev.skillsite.site;

import java.util.regex.Pattern;

/** Short forms of long texts for lists and meta tags. */
public final class Summaries {
  public static final int ONE_LINE = 200;
  static final int META = 300;
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s,;:.]+$");

  private Summaries() {}

  /** The text on one line, cut at a word boundary with an ellipsis when longer than {@code max}. */
  public static String clip(String text, int max) {
    String flat = SPACES.matcher(text).replaceAll(" ").strip();
    if (flat.length() <= max) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', max - 1);
    return TRAILING_PUNCTUATION.matcher(flat.substring(0, cut > max / 2 ? cut : max - 1)).replaceAll("") + "…";
  }
}
