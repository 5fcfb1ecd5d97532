package dev.skillsite.content;

import java.text.Normalizer;
import java.util.Locale;

/** URL slugs: lowercase ASCII letters and digits, separated by single {@code -} or {@code .}. */
final class Slugs {
  /** Longest slug: file names stay well under file-system limits however long a name is. */
  static final int MAX_LENGTH = 80;

  private Slugs() {}

  /**
   * Lowercases {@code text}, drops accents, turns anything outside {@code [a-z0-9.-]} into {@code
   * -} and collapses runs of separators; cuts at {@link #MAX_LENGTH} characters; may return {@code
   * ""} (for text without a letter or digit).
   */
  static String of(String text) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String lower = plain.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    char pending = 0;
    for (int i = 0; i < lower.length() && sb.length() < MAX_LENGTH; i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (pending != 0 && sb.length() > 0) {
          sb.append(pending);
        }
        pending = 0;
        sb.append(c);
      } else {
        pending = c == '.' && pending == 0 ? '.' : '-';
      }
    }
    return sb.toString();
  }

  /** {@link #of} or, when that is empty, {@code fallback}. */
  static String of(String text, String fallback) {
    String slug = of(text);
    return slug.isEmpty() ? fallback : slug;
  }
}
