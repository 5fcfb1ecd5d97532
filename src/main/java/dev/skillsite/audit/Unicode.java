package dev.skillsite.audit;

/**
 * Characters that hide text: invisible ones, tags, bidirectional controls, and letters that look
 * like Latin.
 */
final class Unicode {
  private Unicode() {}

  /** Zero-width and soft-hyphen characters a reader does not see. */
  static boolean isInvisible(char c) {
    return c == '\u200B'
        || c == '\u200C'
        || c == '\u200D'
        || c == '\u2060'
        || c == '\uFEFF'
        || c == '\u00AD'
        || c == '\u180E'
        || c == '\u2061'
        || c == '\u2062'
        || c == '\u2063'
        || c == '\u2064';
  }

  /** Unicode tag characters (U+E0000–U+E007F): invisible ASCII look-alikes. */
  static boolean isTag(int cp) {
    return cp >= 0xE0000 && cp <= 0xE007F;
  }

  /** Embedding, override and isolate controls (not the plain LRM/RLM marks). */
  static boolean isBidiControl(char c) {
    return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
  }

  /**
   * The ASCII letter a Cyrillic or Greek look-alike (or a full-width form) passes for, else {@code
   * c}.
   */
  static char toAscii(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      return (char) (c - 0xFEE0);
    }
    return switch (c) {
      case '\u0430' -> 'a';
      case '\u0435' -> 'e';
      case '\u043E' -> 'o';
      case '\u0440' -> 'p';
      case '\u0441' -> 'c';
      case '\u0443' -> 'y';
      case '\u0445' -> 'x';
      case '\u0455' -> 's';
      case '\u0456' -> 'i';
      case '\u0458' -> 'j';
      case '\u04BB' -> 'h';
      case '\u0501' -> 'd';
      case '\u051B' -> 'q';
      case '\u051D' -> 'w';
      case '\u0410' -> 'A';
      case '\u0412' -> 'B';
      case '\u0415' -> 'E';
      case '\u041A' -> 'K';
      case '\u041C' -> 'M';
      case '\u041D' -> 'H';
      case '\u041E' -> 'O';
      case '\u0420' -> 'P';
      case '\u0421' -> 'C';
      case '\u0422' -> 'T';
      case '\u0425' -> 'X';
      case '\u0406' -> 'I';
      case '\u0408' -> 'J';
      case '\u0405' -> 'S';
      case '\u03BF' -> 'o';
      case '\u03B1' -> 'a';
      case '\u03B5' -> 'e';
      case '\u03B9' -> 'i';
      case '\u03BD' -> 'v';
      case '\u03C1' -> 'p';
      case '\u03C4' -> 't';
      case '\u039F' -> 'O';
      case '\u0391' -> 'A';
      case '\u0392' -> 'B';
      case '\u0395' -> 'E';
      case '\u0397' -> 'H';
      case '\u0399' -> 'I';
      case '\u039A' -> 'K';
      case '\u039C' -> 'M';
      case '\u039D' -> 'N';
      case '\u03A1' -> 'P';
      case '\u03A4' -> 'T';
      case '\u03A7' -> 'X';
      case '\u03A5' -> 'Y';
      case '\u0396' -> 'Z';
      default -> c;
    };
  }

  /**
   * Whether {@code c} is a Cyrillic letter (or the Greek omicron) that passes for a Latin one.
   * Other Greek letters mix with Latin in ordinary technical writing (αβ-test, σ-level) and are not
   * counted.
   */
  static boolean isLookAlike(char c) {
    return (c >= '\u0400' && c <= '\u052F' || c == '\u03BF' || c == '\u039F') && toAscii(c) != c;
  }
}
