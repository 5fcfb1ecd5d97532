package dev.skillsite.site;

/** Short forms of long texts for lists and meta tags. */
public final class Summaries {
  public static final int ONE_LINE = 200;
  static final int META = 300;

  private Summaries() {}

  /** The text on one line, cut at a word boundary with an ellipsis when longer than {@code max}. */
  public static String clip(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    if (flat.length() <= max) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', max - 1);
    return flat.substring(0, cut > max / 2 ? cut : max - 1).replaceAll("[\\s,;:.]+$", "") + "…";
  }
}
