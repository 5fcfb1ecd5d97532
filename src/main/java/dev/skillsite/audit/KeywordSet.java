package dev.skillsite.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' keywords, found in one pass over a text by an Aho–Corasick automaton (ASCII case
 * ignored), so that a pattern runs only on the lines holding one of its keywords. The automaton is
 * a table of next states: one look per character, whatever the number of keywords.
 */
final class KeywordSet {
  /** No keywords: every character leads back to the start. */
  static final KeywordSet NONE = new KeywordSet(List.of());

  private final int[][] ofSet;
  private final int keywordCount;

  /**
   * The class of each ASCII character of a text, lower case folded (0: no keyword holds it);
   * characters from U+0080 on are class 0.
   */
  final byte[] classOf = new byte[128];

  /** The number of classes: the width of a row of {@link #next}. */
  final int width;

  /**
   * The next state for each state's row ({@code state * width}) and character class; negative
   * ({@code ~state}) when the state ends a keyword.
   */
  final int[] next;

  /** The keywords ending at each state, by state. */
  private final int[][] ends;

  /**
   * @param sets lower-case ASCII keyword lists (no line breaks), each keyword at least two
   *     characters; an empty list matches every line
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
    List<String> keywords = new ArrayList<>(index.keySet());
    keywordCount = keywords.size();
    // a class per character a keyword holds, as written; a text's character is folded to lower
    // case first, so an upper-case keyword character is never met (as before: keywords are lower
    // case)
    byte[] kwClass = new byte[128];
    int classes = 1;
    for (String kw : keywords) {
      if (kw.length() < 2) {
        throw new IllegalArgumentException("keywords have two characters at least: " + kw);
      }
      for (char c : kw.toCharArray()) {
        if (c >= 128 || c == '\n') {
          throw new IllegalArgumentException("keywords are ASCII on one line: " + kw);
        }
        if (kwClass[c] == 0) {
          kwClass[c] = (byte) classes++;
        }
      }
    }
    width = classes;
    for (char c = 0; c < 128; c++) {
      classOf[c] = kwClass[lower(c)];
    }
    // the trie
    List<int[]> children = new ArrayList<>();
    List<List<Integer>> ending = new ArrayList<>();
    children.add(newRow(width));
    ending.add(new ArrayList<>());
    for (int k = 0; k < keywords.size(); k++) {
      int s = 0;
      for (char c : keywords.get(k).toCharArray()) {
        int cl = kwClass[c];
        if (children.get(s)[cl] < 0) {
          children.get(s)[cl] = children.size();
          children.add(newRow(width));
          ending.add(new ArrayList<>());
        }
        s = children.get(s)[cl];
      }
      ending.get(s).add(k);
    }
    // failure links, breadth first, folded into a full table of next states
    int states = children.size();
    int[] fail = new int[states];
    int[][] delta = new int[states][];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    delta[0] = new int[width];
    for (int cl = 0; cl < width; cl++) {
      int t = children.get(0)[cl];
      if (t >= 0) {
        delta[0][cl] = t;
        fail[t] = 0;
        queue.add(t);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      ending.get(s).addAll(ending.get(fail[s]));
      delta[s] = new int[width];
      for (int cl = 0; cl < width; cl++) {
        int t = children.get(s)[cl];
        if (t >= 0) {
          fail[t] = delta[fail[s]][cl];
          delta[s][cl] = t;
          queue.add(t);
        } else {
          delta[s][cl] = delta[fail[s]][cl];
        }
      }
    }
    ends = new int[states][];
    for (int s = 0; s < states; s++) {
      ends[s] = ending.get(s).stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }
    next = new int[states * width];
    for (int s = 0; s < states; s++) {
      for (int cl = 0; cl < width; cl++) {
        int t = delta[s][cl];
        next[s * width + cl] = ends[t].length > 0 ? ~t : t;
      }
    }
  }

  private static int[] newRow(int width) {
    int[] row = new int[width];
    Arrays.fill(row, -1);
    return row;
  }

  /**
   * Where the keywords occur in {@code text}, compared without case (ASCII): for each keyword
   * index, the 0-based lines (in increasing order, each once) holding it.
   */
  int[][] find(char[] text) {
    Hits hits = hits();
    hits.scan(text, 0, text.length, 0);
    return hits.lines();
  }

  /**
   * As {@link #find(char[])}, reading only the given lines of {@code text} ({@code lineStarts}: the
   * offset each 0-based line starts at).
   */
  int[][] find(char[] text, int[] lineStarts, BitSet only) {
    Hits hits = hits();
    for (int l = only.nextSetBit(0); l >= 0; l = only.nextSetBit(l + 1)) {
      int end = l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : text.length;
      hits.scan(text, lineStarts[l], end, l);
    }
    return hits.lines();
  }

  Hits hits() {
    return new Hits();
  }

  /** The lines each keyword was found on so far. */
  final class Hits {
    private final int[][] lines = new int[keywordCount][];
    private final int[] counts = new int[keywordCount];
    private final int[] last = new int[keywordCount];

    Hits() {
      Arrays.fill(last, -1);
    }

    /** Scans {@code text[from, to)}, which starts on 0-based line {@code line}. */
    void scan(char[] text, int from, int to, int line) {
      int s = 0;
      for (int i = from; i < to; i++) {
        char c = text[i];
        if (c == '\n') {
          line++;
          s = 0;
          continue;
        }
        s = next[s * width + (c < 128 ? classOf[c] : 0)];
        if (s < 0) {
          s = ~s;
          found(s, line);
        }
      }
    }

    /** The keywords ending at state {@code s} occur on 0-based line {@code line}. */
    void found(int s, int line) {
      for (int k : ends[s]) {
        if (last[k] != line) {
          last[k] = line;
          if (lines[k] == null) {
            lines[k] = new int[4];
          } else if (counts[k] == lines[k].length) {
            lines[k] = Arrays.copyOf(lines[k], counts[k] * 2);
          }
          lines[k][counts[k]++] = line;
        }
      }
    }

    int[][] lines() {
      for (int k = 0; k < lines.length; k++) {
        if (lines[k] != null) {
          lines[k] = Arrays.copyOf(lines[k], counts[k]);
        }
      }
      return lines;
    }
  }

  private static int lower(char c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
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
    BitSet lines = new BitSet();
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
