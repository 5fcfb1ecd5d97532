package dev.skillsite.audit;

import java.util.Arrays;

/**
 * What the audit needs to know of a text, from one pass over its characters: where its lines start,
 * the lines each rule keyword is on ({@link KeywordSet}), the lines worth decoding (an escape, a
 * run of base64 or hex characters long enough: {@link TextView}), and whether it holds anything
 * {@link TextView#unobfuscated} could undo. Each of these was a pass of its own; under the quick
 * JIT the build runs with, a loop over every character costs about as much as what it does.
 */
final class TextScan {
  private static final int BASE64_CHAR = 1;
  private static final int HEX_CHAR = 2;
  private static final int ESCAPE_START = 4;
  private static final int QUOTE = 8;
  private static final int NEWLINE = 16;

  /** Shortest run of base64 characters worth decoding. */
  static final int BASE64_RUN = 16;

  /** Shortest run of hex digits worth decoding. */
  static final int HEX_RUN = 24;

  /** What each ASCII character may be part of or start. */
  private static final byte[] CLASS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      CLASS[c] =
          (byte)
              ((base64(c) ? BASE64_CHAR : 0)
                  | (hex(c) ? HEX_CHAR : 0)
                  | (c == '&' || c == '\\' || c == '%' ? ESCAPE_START : 0)
                  | (c == '\'' || c == '"' ? QUOTE : 0)
                  | (c == '\n' ? NEWLINE : 0));
    }
  }

  private final int[] lineStarts;
  private final int[][] hits;
  private final int[][] regions;
  private final boolean obfuscatable;

  private TextScan(int[] lineStarts, int[][] hits, int[][] regions, boolean obfuscatable) {
    this.lineStarts = lineStarts;
    this.hits = hits;
    this.regions = regions;
    this.obfuscatable = obfuscatable;
  }

  /** The offset each 0-based line starts at. */
  int[] lineStarts() {
    return lineStarts;
  }

  /**
   * For each keyword of the set scanned with, the 0-based lines holding it (see {@link
   * KeywordSet#find}).
   */
  int[][] hits() {
    return hits;
  }

  /**
   * The lines ({@code start, end} pairs, in order) holding an escape's first characters, a run of
   * {@value #BASE64_RUN} base64 characters, a run of {@value #HEX_RUN} hex digits.
   */
  int[][] regions() {
    return regions;
  }

  /**
   * Whether {@link TextView#unobfuscated} could undo something (see {@link
   * TextView#mayBeObfuscated}).
   */
  boolean obfuscatable() {
    return obfuscatable;
  }

  /** Scans {@code cs}, finding the keywords of {@code keywords}. */
  static TextScan of(char[] cs, KeywordSet keywords) {
    int n = cs.length;
    int[] starts = new int[16];
    int lines = 1;
    int[][] out = {new int[16], new int[16], new int[16]};
    int[] counts = new int[3];
    KeywordSet.Hits hits = keywords.hits();
    int[] next = keywords.next;
    int width = keywords.width;
    byte[] classOf = keywords.classOf;
    int s = 0;
    int line = 0;
    int lineStart = 0;
    int runStart = 0;
    boolean escape = false;
    boolean base64 = false;
    boolean hex = false;
    boolean obfuscatable = false;
    for (int i = 0; i < n; i++) {
      char c = cs[i];
      int k;
      if (c < 128) {
        k = CLASS[c];
        s = next[s * width + classOf[c]];
        if (s < 0) {
          s = ~s;
          hits.found(s, line);
        }
        if ((k & BASE64_CHAR) != 0) {
          continue;
        }
      } else {
        k = 0;
        s = 0; // no keyword holds it
        if (!obfuscatable) {
          obfuscatable = TextView.undoable(cs, i);
        }
      }
      // a run of base64 characters (hex digits among them) ends before i
      if (i - runStart >= BASE64_RUN) {
        base64 = true;
        hex |= i - runStart >= HEX_RUN && hexRun(cs, runStart, i);
      }
      runStart = i + 1;
      if (k == 0) {
        continue;
      }
      if ((k & NEWLINE) != 0) {
        if (escape) {
          add(out, counts, 0, lineStart, i);
        }
        if (base64) {
          add(out, counts, 1, lineStart, i);
        }
        if (hex) {
          add(out, counts, 2, lineStart, i);
        }
        escape = false;
        base64 = false;
        hex = false;
        if (lines == starts.length) {
          starts = Arrays.copyOf(starts, lines * 2);
        }
        starts[lines++] = i + 1;
        line++;
        lineStart = i + 1;
      } else if ((k & ESCAPE_START) != 0) {
        escape = escape || TextView.escapeAt(cs, i);
      } else if ((k & QUOTE) != 0) {
        obfuscatable = obfuscatable || TextView.spliceAt(cs, i);
      }
    }
    if (n - runStart >= BASE64_RUN) {
      base64 = true;
      hex |= n - runStart >= HEX_RUN && hexRun(cs, runStart, n);
    }
    if (escape) {
      add(out, counts, 0, lineStart, n);
    }
    if (base64) {
      add(out, counts, 1, lineStart, n);
    }
    if (hex) {
      add(out, counts, 2, lineStart, n);
    }
    for (int r = 0; r < 3; r++) {
      out[r] = Arrays.copyOf(out[r], counts[r]);
    }
    return new TextScan(Arrays.copyOf(starts, lines), hits.lines(), out, obfuscatable);
  }

  /** Whether {@code cs[from, to)} holds {@value #HEX_RUN} hex digits in a row. */
  private static boolean hexRun(char[] cs, int from, int to) {
    int run = 0;
    for (int i = from; i < to; i++) {
      run = hex(cs[i]) ? run + 1 : 0;
      if (run >= HEX_RUN) {
        return true;
      }
    }
    return false;
  }

  private static void add(int[][] out, int[] n, int k, int start, int end) {
    if (n[k] + 2 > out[k].length) {
      out[k] = Arrays.copyOf(out[k], out[k].length * 2);
    }
    out[k][n[k]++] = start;
    out[k][n[k]++] = end;
  }

  static boolean base64(char c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '+'
        || c == '/';
  }

  static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
