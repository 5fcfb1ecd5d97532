package dev.skillsite.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A rule's pattern cut into its top-level alternatives, each with the rule's keywords it spells
 * out, so that an alternative runs only on the lines holding one of its own keywords (a line with
 * {@code os.environ} need not try every way of reading a browser's cookie store). Keywords that no
 * alternative spells out go to every alternative; an alternative that spells none of the rule's
 * keywords keeps them all, as the whole pattern did. The table's examples and the fixture
 * collection check that no alternative loses a finding this way.
 *
 * @param pattern one alternative, compiled with the rule's flags
 * @param keywords the rule's keywords it spells out, else all of the rule's keywords
 * @param required word lists of which a match holds one each (see {@link Literals})
 */
record Branches(Pattern pattern, List<String> keywords, Literals required) {
  Branches(Pattern pattern, List<String> keywords) {
    this(pattern, keywords, Literals.of(pattern));
  }

  /**
   * Inline flags ({@code (?-i)}) and back references ({@code \\1}, {@code \\k<name>}) reach across
   * alternatives: a pattern holding one is not cut.
   */
  private static final Pattern UNSPLITTABLE =
      Pattern.compile("\\(\\?[a-zA-Z-]+\\)|\\\\[1-9]|\\\\k<");

  /** The alternatives of {@code rule}'s match pattern, in order. */
  static List<Branches> of(AuditRule rule) {
    Pattern whole = rule.match().orElseThrow();
    List<String> parts = split(whole.pattern());
    if (parts.size() == 1
        || rule.keywords().isEmpty()
        || UNSPLITTABLE.matcher(whole.pattern()).find()) {
      return List.of(new Branches(whole, rule.keywords()));
    }
    List<String> spelled = parts.stream().map(Branches::literal).toList();
    // a keyword no alternative spells out (".claude" in "\\.(?:claude|codex)") may come from any
    List<String> orphans =
        rule.keywords().stream()
            .filter(k -> spelled.stream().noneMatch(p -> p.contains(k)))
            .toList();
    List<Branches> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String text = spelled.get(i);
      List<String> own =
          rule.keywords().stream().filter(k -> text.contains(k) || orphans.contains(k)).toList();
      out.add(
          new Branches(
              Pattern.compile(parts.get(i), whole.flags()), own.isEmpty() ? rule.keywords() : own));
    }
    return out;
  }

  /** {@code regex} split at its top-level {@code |} (outside groups and character classes). */
  static List<String> split(String regex) {
    return RegexTopLevel.of(regex).map(RegexTopLevel::alternatives).orElse(List.of(regex));
  }

  /**
   * The alternative as the text it spells, lower case: escaped punctuation ({@code \\.}) stands for
   * itself; class escapes ({@code \\s}, {@code \\b}) stay as they are and spell nothing.
   */
  private static String literal(String part) {
    StringBuilder sb = new StringBuilder(part.length());
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\' && i + 1 < part.length() && !Character.isLetterOrDigit(part.charAt(i + 1))) {
        sb.append(part.charAt(++i));
      } else {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
