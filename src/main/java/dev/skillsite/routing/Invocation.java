package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A skill the user calls by name, which fires whatever the words around it say: a slash command at the start
 * of the message ({@code /pdf fill in this form}, {@code /plugin:pdf …}), or the skill's name followed by the
 * word "skill" ({@code use the writing-plans skill}, {@code with the PDF skill}; a name that ends with the word,
 * like {@code template-skill}, needs no second one). Names compare as their words: case, spaces, hyphens and
 * underscores do not matter. Mirrored in {@code search-engine.js}.
 */
public final class Invocation {
  private final Map<String, Integer> byName = new HashMap<>();
  private final int longest;

  /** @param names the name of each document, in document order (the first of equal names wins) */
  public Invocation(List<String> names) {
    int max = 0;
    for (int doc = 0; doc < names.size(); doc++) {
      List<String> w = words(names.get(doc));
      if (w.stream().anyMatch(x -> !x.equals("skill"))) { // "skill" alone names nothing
        byName.putIfAbsent(String.join(" ", w), doc);
        max = Math.max(max, w.size());
      }
    }
    this.longest = max;
  }

  /** The document the query invokes, if any: a leading slash command first, else the first "NAME skill". */
  public OptionalInt find(String query) {
    int start = 0;
    while (start < query.length() && query.charAt(start) <= ' ') {
      start++;
    }
    if (start < query.length() && query.charAt(start) == '/') {
      int end = start + 1;
      while (end < query.length() && query.charAt(end) > ' ') {
        end++;
      }
      String command = query.substring(start + 1, end); // "/pdf", "/plugin:pdf"; not a path ("/usr/bin")
      Integer doc = byName.get(String.join(" ", words(command.substring(command.lastIndexOf(':') + 1))));
      if (doc != null && command.indexOf('/') < 0) {
        return OptionalInt.of(doc);
      }
    }
    List<String> w = words(query);
    for (int j = 0; j < w.size(); j++) {
      if (!w.get(j).equals("skill")) {
        continue;
      }
      // the longest name just before the word "skill", or ending with it ("template-skill")
      for (int n = Math.min(longest, j + 1); n >= 1; n--) {
        Integer doc = n <= j ? byName.get(String.join(" ", w.subList(j - n, j))) : null;
        if (doc == null) {
          doc = byName.get(String.join(" ", w.subList(j - n + 1, j + 1)));
        }
        if (doc != null) {
          return OptionalInt.of(doc);
        }
      }
    }
    return OptionalInt.empty();
  }

  /** Lowercase runs of letters and digits. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); ) {
      int cp = lower.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        cur.appendCodePoint(cp);
      } else if (cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
      i += Character.charCount(cp);
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }
}
