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
  private static final Literals NONE = new Literals(new char[0][][]);

  private static final Pattern INLINE_FLAGS = Pattern.compile("\\(\\?[a-zA-Z-]");

  /** For each required group, its words (lower case). */
  private final char[][][] sets;

  private Literals(char[][][] sets) {
    this.sets = sets;
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
    return new Literals(sets.toArray(char[][][]::new));
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
    for (char[][] set : sets) {
      if (!anyIn(set, text, from, to)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyIn(char[][] words, char[] text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = lower(text[i]);
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
