package dev.skillsite.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Markdown, HTML or SVG file a reader of the rendered page does not see: HTML
 * comments and elements styled invisible, outside fenced code (where a comment is shown as code).
 * Offsets in the raw text.
 */
final class HiddenRanges {
  private static final Pattern HIDDEN_ELEMENT =
      Pattern.compile(
          "<([a-zA-Z][a-zA-Z0-9]*)\\b[^>\\n]{0,300}?(?:style\\s*=\\s*[\"'][^\"'\\n]{0,200}?(?:display\\s*:\\s*none"
              + "|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0(?:px|pt|em)?\\s*[;\"'])|\\shidden(?:\\s|>|=))[^>]{0,300}>");
  private static final int MAX_ELEMENT = 5000;
  static final HiddenRanges NONE = new HiddenRanges(new int[0]);

  /** start, end pairs, sorted. */
  private final int[] ranges;

  private HiddenRanges(int[] ranges) {
    this.ranges = ranges;
  }

  static HiddenRanges of(String raw, String kind) {
    return of(raw, kind, lineStarts(raw));
  }

  /**
   * @param lineStarts the offsets at which {@code raw}'s lines start
   */
  static HiddenRanges of(String raw, String kind, int[] lineStarts) {
    return of(raw, raw.toCharArray(), kind, lineStarts);
  }

  /**
   * @param cs {@code raw}'s characters
   * @param lineStarts the offsets at which {@code raw}'s lines start
   */
  static HiddenRanges of(String raw, char[] cs, String kind, int[] lineStarts) {
    return of(raw, cs, kind, lineStarts, () -> mayHide(cs, 0, cs.length));
  }

  /**
   * @param cs {@code raw}'s characters
   * @param lineStarts the offsets at which {@code raw}'s lines start
   * @param mayHide whether {@link #mayHide} is true of {@code raw}, asked only for a kind of file
   *     that can hide text and that holds a {@code <}
   */
  static HiddenRanges of(
      String raw,
      char[] cs,
      String kind,
      int[] lineStarts,
      java.util.function.BooleanSupplier mayHide) {
    if (!kind.equals("markdown") && !kind.equals("html") && !kind.equals("svg")
        || raw.indexOf('<') < 0) {
      return NONE;
    }
    boolean[] fenced = kind.equals("markdown") ? fencedLines(cs, lineStarts) : new boolean[0];
    List<int[]> found = new ArrayList<>();
    int i = raw.indexOf("<!--");
    while (i >= 0) {
      int end = raw.indexOf("-->", i + 4);
      int stop = end < 0 ? raw.length() : end + 3;
      if (!inFence(fenced, lineStarts, i)) {
        found.add(new int[] {i, stop});
      }
      i = raw.indexOf("<!--", stop);
    }
    // every match starts with a "<": the pattern is tried there only
    Matcher m = HIDDEN_ELEMENT.matcher(raw).useTransparentBounds(true).useAnchoringBounds(false);
    int at = mayHide.getAsBoolean() ? raw.indexOf('<') : -1;
    while (at >= 0) {
      if (!m.region(at, raw.length()).lookingAt()) {
        at = raw.indexOf('<', at + 1);
        continue;
      }
      at = raw.indexOf('<', m.end());
      if (inFence(fenced, lineStarts, m.start())) {
        continue;
      }
      int close = raw.indexOf("</" + m.group(1), m.end());
      int stop =
          close < 0
              ? Math.min(raw.length(), m.end() + MAX_ELEMENT)
              : Math.min(close, m.end() + MAX_ELEMENT);
      found.add(new int[] {m.end(), stop});
    }
    found.sort((a, b) -> Integer.compare(a[0], b[0]));
    int[] flat = new int[found.size() * 2];
    for (int k = 0; k < found.size(); k++) {
      flat[2 * k] = found.get(k)[0];
      flat[2 * k + 1] = found.get(k)[1];
    }
    return new HiddenRanges(flat);
  }

  /**
   * A cheap look for the words a hidden element needs, before the element pattern runs: {@code
   * hidden}, {@code display} or {@code font-size} as written, or {@code HIDDEN}, {@code Hidden},
   * {@code Display}, {@code DISPLAY}; one pass.
   */
  static boolean mayHide(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      switch (s[i]) {
        case 'h' -> {
          if (at(s, i, "hidden")) {
            return true;
          }
        }
        case 'd' -> {
          if (at(s, i, "display")) {
            return true;
          }
        }
        case 'f' -> {
          if (at(s, i, "font-size")) {
            return true;
          }
        }
        case 'H' -> {
          if (at(s, i, "HIDDEN") || at(s, i, "Hidden")) {
            return true;
          }
        }
        case 'D' -> {
          if (at(s, i, "Display") || at(s, i, "DISPLAY")) {
            return true;
          }
        }
        default -> {}
      }
    }
    return false;
  }

  /** Whether {@code word} occurs in {@code s} at {@code i}, case as written. */
  private static boolean at(char[] s, int i, String word) {
    if (i + word.length() > s.length) {
      return false;
    }
    for (int k = 1; k < word.length(); k++) {
      if (s[i + k] != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  boolean isEmpty() {
    return ranges.length == 0;
  }

  /** Whether raw offset {@code at} lies in hidden text. */
  boolean contains(int at) {
    for (int k = 0; k < ranges.length; k += 2) {
      if (at >= ranges[k] && at < ranges[k + 1]) {
        return true;
      }
      if (ranges[k] > at) {
        return false;
      }
    }
    return false;
  }

  static int[] lineStarts(String s) {
    return lineStarts(s.toCharArray());
  }

  static int[] lineStarts(char[] s) {
    int[] starts = new int[Math.max(16, s.length >> 5)];
    int n = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == '\n') {
        if (n == starts.length) {
          starts = java.util.Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    return java.util.Arrays.copyOf(starts, n);
  }

  /** The 0-based line holding raw offset {@code at}. */
  static int lineOf(int[] lineStarts, int at) {
    int idx = java.util.Arrays.binarySearch(lineStarts, at);
    return idx >= 0 ? idx : -idx - 2;
  }

  private static boolean inFence(boolean[] fenced, int[] lineStarts, int at) {
    int line = lineOf(lineStarts, at);
    return line < fenced.length && fenced[line];
  }

  /**
   * Per line: whether it lies inside a fenced code block (fence lines included). A line's first 200
   * characters are read, leading white space skipped. As in CommonMark, a line of backticks whose
   * info string holds a backtick opens no fence (it is inline code).
   */
  static boolean[] fencedLines(char[] raw, int[] starts) {
    boolean[] fenced = new boolean[starts.length];
    char fence = 0;
    for (int l = 0; l < starts.length; l++) {
      int end = l + 1 < starts.length ? starts[l + 1] - 1 : raw.length;
      int limit = Math.min(end, starts[l] + 200);
      int k = starts[l];
      while (k < limit && Character.isWhitespace(raw[k])) {
        k++;
      }
      boolean three =
          k + 3 <= limit
              && (raw[k] == '`' || raw[k] == '~')
              && raw[k + 1] == raw[k]
              && raw[k + 2] == raw[k];
      if (fence == 0) {
        if (three && !(raw[k] == '`' && backtickAfterRun(raw, k, end))) {
          fence = raw[k];
          fenced[l] = true;
        }
      } else {
        fenced[l] = true;
        if (three && raw[k] == fence) {
          fence = 0;
        }
      }
    }
    return fenced;
  }

  /**
   * Whether a backtick follows the run of backticks that starts at {@code k}, before {@code end}.
   */
  private static boolean backtickAfterRun(char[] raw, int k, int end) {
    int i = k;
    while (i < end && raw[i] == '`') {
      i++;
    }
    for (; i < end; i++) {
      if (raw[i] == '`') {
        return true;
      }
    }
    return false;
  }
}
