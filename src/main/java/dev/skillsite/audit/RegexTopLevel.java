package dev.skillsite.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top level of a regular expression, as {@link java.util.regex.Pattern} reads it: where it is
 * cut into alternatives ({@code |} outside every group and character class) and which groups open
 * at the top level. Escapes ({@code \\|}, {@code \\(}) are stepped over, and so are character
 * classes, with a leading {@code ^} and a leading {@code ]} (a member, not the end). {@link
 * Branches} cuts a rule into its alternatives with it and {@link Literals} finds the groups every
 * match needs.
 *
 * @param regex the expression read
 * @param bars where each top-level {@code |} is, in order
 * @param groups each top-level group, from its {@code (} to its {@code )}, in order
 */
record RegexTopLevel(String regex, List<Integer> bars, List<Group> groups) {

  /** A top-level group of {@link #regex}: {@code regex.substring(open, close + 1)}. */
  record Group(int open, int close) {}

  /** The top level of {@code regex}; empty when its groups or classes are not closed. */
  static Optional<RegexTopLevel> of(String regex) {
    List<Integer> bars = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int open = -1;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          i++; // a leading ] is a member of the class
        }
      } else if (c == '(') {
        if (depth++ == 0) {
          open = i;
        }
      } else if (c == ')') {
        if (--depth == 0) {
          groups.add(new Group(open, i));
        } else if (depth < 0) {
          return Optional.empty();
        }
      } else if (c == '|' && depth == 0) {
        bars.add(i);
      }
    }
    return depth == 0 && !inClass
        ? Optional.of(new RegexTopLevel(regex, List.copyOf(bars), List.copyOf(groups)))
        : Optional.empty();
  }

  /** The top-level alternatives, in order: the whole expression when it has one. */
  List<String> alternatives() {
    List<String> parts = new ArrayList<>(bars.size() + 1);
    int start = 0;
    for (int bar : bars) {
      parts.add(regex.substring(start, bar));
      start = bar + 1;
    }
    parts.add(regex.substring(start));
    return parts;
  }

  /** The text of {@code group}, parentheses included. */
  String text(Group group) {
    return regex.substring(group.open(), group.close() + 1);
  }
}
