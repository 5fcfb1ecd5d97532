package dev.skillsite.audit;

/**
 * The line a finding quotes: clipped around the match, control and invisible characters written
 * out.
 */
final class Excerpts {
  static final int WIDTH = 120;

  private Excerpts() {}

  /**
   * The line of {@code text} around {@code [start, end)}, at most {@value #WIDTH} characters,
   * escaped.
   */
  static String around(String text, int start, int end) {
    int lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
    if (start == 0) {
      lineStart = 0;
    }
    int lineEnd = text.indexOf('\n', start);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    int from = Math.max(lineStart, Math.min(start - 20, lineEnd - WIDTH));
    int to = Math.min(lineEnd, Math.max(end, from + WIDTH));
    to = Math.min(to, from + WIDTH * 2);
    String body =
        text.substring(Math.max(lineStart, from), Math.max(Math.max(lineStart, from), to)).strip();
    return (from > lineStart ? "…" : "") + escape(body) + (to < lineEnd ? "…" : "");
  }

  /**
   * Invisible, control and bidirectional characters as {@code \\u{XXXX}}; everything else as is.
   */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      boolean hidden =
          cp < 0x20 && cp != '\t'
              || cp == 0x7f
              || cp >= 0x80 && cp < 0xa0
              || cp <= 0xFFFF
                  && (Unicode.isInvisible((char) cp) || Unicode.isBidiControl((char) cp))
              || Unicode.isTag(cp)
              || cp == 0x200E
              || cp == 0x200F
              || Character.getType(cp) == Character.PRIVATE_USE
              || Character.getType(cp) == Character.UNASSIGNED
              || Character.getType(cp) == Character.SURROGATE;
      if (hidden) {
        sb.append("\\u{")
            .append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT))
            .append('}');
      } else {
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }
}
