package dev.skillsite.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What every match of a pattern must hold, read off the pattern: for each group at its top level
 * that is a list of plain words and must match ({@code (?:must|should|need to)}, not followed by
 * {@code ?}, {@code *} or <code>{0,</code>), one of those words. A line that lacks one of them
 * cannot match, so the pattern is not run on it: in {@code
 * \\b(?:you|agent)\\b[^\\n]{0,40}\\b(?:must| should)\\b}, a line with "you" but neither "must" nor
 * "should" is passed over without the regular expression engine. Patterns this cannot read safely
 * (inline flags, Unicode case, top-level alternatives) require nothing. Matching is ASCII
 * case-insensitive, as the table's patterns are.
 */
final class Literals {
  private static final Literals NONE = new Literals(new char[0][][], new char[0][]);

  private static final Pattern INLINE_FLAGS = Pattern.compile("\\(\\?[a-zA-Z-]");

  /** For each required group, its words (lower case). */
  private final char[][][] sets;

  /** The words one of which every match starts with (lower case); none: not known. */
  private final char[][] leading;

  /** For each word list, the ASCII characters its words start with, in either case. */
  private final boolean[][] setStarts;

  private final boolean[] leadingStarts;

  private Literals(char[][][] sets, char[][] leading) {
    this.sets = sets;
    this.leading = leading;
    this.setStarts = new boolean[sets.length][];
    for (int k = 0; k < sets.length; k++) {
      setStarts[k] = starts(sets[k]);
    }
    this.leadingStarts = starts(leading);
  }

  private static boolean[] starts(char[][] words) {
    boolean[] out = new boolean[128];
    for (char c = 0; c < 128; c++) {
      for (char[] w : words) {
        out[c] |= lower(c) == w[0];
      }
    }
    return out;
  }

  /** The required word lists of {@code p}; none when it cannot be read safely. */
  static Literals of(Pattern p) {
    int unsafe = Pattern.COMMENTS | Pattern.UNICODE_CASE | Pattern.LITERAL | Pattern.CANON_EQ;
    String regex = p.pattern();
    Optional<RegexTopLevel> top = RegexTopLevel.of(regex);
    if ((p.flags() & unsafe) != 0
        || INLINE_FLAGS.matcher(regex).find()
        || top.isEmpty()
        || !top.get().bars().isEmpty()) {
      return NONE;
    }
    List<char[][]> sets = new ArrayList<>();
    for (RegexTopLevel.Group group : top.get().groups()) {
      if (!optional(regex, group.close() + 1)) {
        words(top.get().text(group)).ifPresent(sets::add);
      }
    }
    return new Literals(
        sets.toArray(char[][][]::new), leading(regex, top.get()).orElse(new char[0][]));
  }

  /**
   * The words one of which every match of {@code regex} starts with: after any {@code \\b}, a group
   * of plain words that must match, or the plain characters up to the first special one (the last
   * dropped when a quantifier follows it).
   */
  private static java.util.Optional<char[][]> leading(String regex, RegexTopLevel top) {
    int i = 0;
    while (regex.startsWith("\\b", i)) {
      i += 2;
    }
    if (i < regex.length() && regex.charAt(i) == '(') {
      int open = i;
      int close =
          top.groups().stream()
              .filter(g -> g.open() == open)
              .mapToInt(RegexTopLevel.Group::close)
              .findFirst()
              .orElse(-1);
      if (close < 0 || optional(regex, close + 1)) {
        return java.util.Optional.empty();
      }
      return words(regex.substring(i, close + 1));
    }
    StringBuilder word = new StringBuilder();
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char e = regex.charAt(i + 1);
        if (e >= 0x80 || Character.isLetterOrDigit(e)) {
          break;
        }
        word.append(e);
        i += 2;
      } else if (c >= 0x80 || ".^$*+?()[]{}|\\".indexOf(c) >= 0) {
        break;
      } else {
        word.append(c);
        i++;
      }
    }
    if (i < regex.length() && "?*{".indexOf(regex.charAt(i)) >= 0 && word.length() > 0) {
      word.setLength(word.length() - 1); // the last character may be left out
    }
    return word.length() == 0
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            new char[][] {word.toString().toLowerCase(Locale.ROOT).toCharArray()});
  }

  /** Whether every match is known to start with one of a few words (see {@link #nextStart}). */
  boolean hasLeading() {
    return leading.length > 0;
  }

  /**
   * The first offset in {@code text[from, to)} at which one of the words every match starts with
   * occurs (within {@code to}, ASCII case ignored), or -1: no match starts before it.
   */
  int nextStart(char[] text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (c >= 128 || !leadingStarts[c]) {
        continue; // no word starts with it (the words are ASCII)
      }
      c = lower(c);
      for (char[] w : leading) {
        if (w[0] == c && i + w.length <= to && at(text, i, w)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** Whether the group ending before {@code at} may match nothing ({@code ?}, {@code *}, {0,). */
  private static boolean optional(String regex, int at) {
    if (at >= regex.length()) {
      return false;
    }
    char q = regex.charAt(at);
    return q == '?'
        || q == '*'
        || q == '{' && at + 1 < regex.length() && regex.charAt(at + 1) == '0';
  }

  /** The words of a group of plain words ({@code (?:a|b c)} or {@code (a|b)}), lower case. */
  private static Optional<char[][]> words(String group) {
    String inner;
    if (group.startsWith("(?:")) {
      inner = group.substring(3, group.length() - 1);
    } else if (group.length() > 1 && group.charAt(1) != '?') {
      inner = group.substring(1, group.length() - 1);
    } else {
      return Optional.empty(); // a look-around, named or atomic group
    }
    List<String> alternatives = Branches.split(inner);
    char[][] out = new char[alternatives.size()][];
    for (int a = 0; a < out.length; a++) {
      StringBuilder word = new StringBuilder();
      String alt = alternatives.get(a);
      for (int i = 0; i < alt.length(); i++) {
        char c = alt.charAt(i);
        if (c == '\\' && i + 1 < alt.length()) {
          char e = alt.charAt(++i);
          if (e >= 0x80 || Character.isLetterOrDigit(e)) {
            return Optional.empty(); // \s, \b, \d, \1: not a plain character
          }
          word.append(e);
        } else if (c >= 0x80 || ".^$*+?()[]{}|\\".indexOf(c) >= 0) {
          return Optional.empty();
        } else {
          word.append(c);
        }
      }
      if (word.length() == 0) {
        return Optional.empty();
      }
      out[a] = word.toString().toLowerCase(Locale.ROOT).toCharArray();
    }
    return Optional.of(out);
  }

  /** How many word lists a match needs one word of. */
  int size() {
    return sets.length;
  }

  /** Whether {@code text[from, to)} holds a word of every required list (ASCII case ignored). */
  boolean allIn(char[] text, int from, int to) {
    for (int k = 0; k < sets.length; k++) {
      if (!anyIn(sets[k], setStarts[k], text, from, to)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyIn(char[][] words, boolean[] starts, char[] text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (c >= 128 || !starts[c]) {
        continue;
      }
      c = lower(c);
      for (char[] w : words) {
        if (w[0] == c && i + w.length <= to && at(text, i, w)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean at(char[] text, int i, char[] w) {
    for (int j = 1; j < w.length; j++) {
      if (lower(text[i + j]) != w[j]) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
