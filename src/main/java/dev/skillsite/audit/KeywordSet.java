package dev.skillsite.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' keywords, found in one pass over a text (keywords bucketed by their first two
 * characters), so that a pattern runs only on the lines holding one of its keywords.
 */
final class KeywordSet {
  private final List<String> keywords;
  private final char[][] chars;
  private final int[][] byPair = new int[128 * 128][];
  private final int[][] ofSet;

  /** The ASCII characters a keyword starts with, in either case: most characters start none. */
  private final boolean[] starts = new boolean[128];

  /**
   * @param sets lower-case keyword lists, each starting with two ASCII characters; an empty list
   *     matches every line
   */
  KeywordSet(List<List<String>> sets) {
    Map<String, Integer> index = new LinkedHashMap<>();
    ofSet = new int[sets.size()][];
    for (int s = 0; s < sets.size(); s++) {
      List<String> set = sets.get(s);
      int[] ids = new int[set.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = index.computeIfAbsent(set.get(i), k -> index.size());
      }
      ofSet[s] = ids;
    }
    keywords = new ArrayList<>(index.keySet());
    chars = keywords.stream().map(String::toCharArray).toArray(char[][]::new);
    Map<Integer, List<Integer>> buckets = new LinkedHashMap<>();
    for (int k = 0; k < keywords.size(); k++) {
      String kw = keywords.get(k);
      if (kw.length() < 2 || kw.charAt(0) >= 128 || kw.charAt(1) >= 128) {
        throw new IllegalArgumentException("keywords start with two ASCII characters: " + kw);
      }
      buckets.computeIfAbsent((kw.charAt(0) << 7) | kw.charAt(1), x -> new ArrayList<>()).add(k);
    }
    buckets.forEach((pair, ks) -> byPair[pair] = ks.stream().mapToInt(Integer::intValue).toArray());
    for (String kw : keywords) {
      starts[kw.charAt(0)] = true;
      starts[Character.toUpperCase(kw.charAt(0))] = true;
    }
  }

  /**
   * Where the keywords occur in {@code text}, compared without case (ASCII): for each keyword
   * index, the 0-based lines (in increasing order, each once) holding it.
   */
  int[][] find(char[] text) {
    Hits hits = new Hits(keywords.size());
    hits.scan(text, 0, text.length, 0);
    return hits.lines();
  }

  /**
   * As {@link #find(char[])}, reading only the given lines of {@code text} ({@code lineStarts}: the
   * offset each 0-based line starts at).
   */
  int[][] find(char[] text, int[] lineStarts, java.util.BitSet only) {
    Hits hits = new Hits(keywords.size());
    for (int l = only.nextSetBit(0); l >= 0; l = only.nextSetBit(l + 1)) {
      int end = l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : text.length;
      hits.scan(text, lineStarts[l], end, l);
    }
    return hits.lines();
  }

  /** The lines each keyword was found on so far. */
  private final class Hits {
    private final int[][] lines;
    private final int[] counts;
    private final int[] last;

    Hits(int n) {
      lines = new int[n][];
      counts = new int[n];
      last = new int[n];
      java.util.Arrays.fill(last, -1);
    }

    /** Scans {@code text[from, to)}, which starts on 0-based line {@code line}. */
    void scan(char[] text, int from, int to, int line) {
      for (int i = from; i + 1 < to; i++) {
        char c = text[i];
        if (c == '\n') {
          line++;
          continue;
        }
        if (c >= 128 || !starts[c]) {
          continue;
        }
        char d = text[i + 1];
        if (d >= 128) {
          continue;
        }
        int[] bucket = byPair[(lower(c) << 7) | lower(d)];
        if (bucket == null) {
          continue;
        }
        for (int k : bucket) {
          if (last[k] != line && matchesAt(text, i, chars[k])) {
            last[k] = line;
            if (lines[k] == null) {
              lines[k] = new int[4];
            } else if (counts[k] == lines[k].length) {
              lines[k] = java.util.Arrays.copyOf(lines[k], counts[k] * 2);
            }
            lines[k][counts[k]++] = line;
          }
        }
      }
    }

    int[][] lines() {
      for (int k = 0; k < lines.length; k++) {
        if (lines[k] != null) {
          lines[k] = java.util.Arrays.copyOf(lines[k], counts[k]);
        }
      }
      return lines;
    }
  }

  private static int lower(char c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** Whether {@code kw} (lower case) occurs in {@code text} at {@code i}, ignoring ASCII case. */
  private static boolean matchesAt(char[] text, int i, char[] kw) {
    if (i + kw.length > text.length) {
      return false;
    }
    for (int j = 2; j < kw.length; j++) {
      if (lower(text[i + j]) != kw[j]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The 0-based lines on which keyword set {@code set}'s pattern is worth running, in order: those
   * holding one of its keywords; {@code null} when the set is empty (every line).
   */
  int[] linesFor(int set, int[][] found) {
    int[] ids = ofSet[set];
    if (ids.length == 0) {
      return null;
    }
    if (ids.length == 1) {
      return found[ids[0]] == null ? new int[0] : found[ids[0]];
    }
    java.util.BitSet lines = new java.util.BitSet();
    for (int k : ids) {
      if (found[k] != null) {
        for (int l : found[k]) {
          lines.set(l);
        }
      }
    }
    return lines.stream().toArray();
  }
}
