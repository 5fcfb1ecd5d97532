package dev.skillsite.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * A skill the user calls by name, which fires whatever the words around it say: a slash command at
 * the start of the message ({@code /pdf fill in this form}, {@code /plugin:pdf …}), or the skill's
 * name followed by the word "skill" ({@code use the writing-plans skill}, {@code with the PDF
 * skill}; a name that ends with the word, like {@code template-skill}, needs no second one), unless
 * one of the four words before it refuses it ({@link #NOT_WANTED}: "don't use the pdf skill").
 * Names compare as their words: case, spaces, hyphens and underscores do not matter. Mirrored in
 * {@code search-engine.js}.
 */
public final class Invocation {
  /**
   * Words that, among the four before a name, say the skill is not wanted ("don't use the pdf
   * skill", "instead of the pdf skill"); "don't" and the like count by their first part.
   */
  public static final Set<String> NOT_WANTED =
      Set.of(
          "not", "no", "never", "without", "don", "doesn", "didn", "isn", "shouldn", "won", "avoid",
          "skip", "instead", "except", "besides", "than");

  /** How many words before a name are read for a refusal ({@link #NOT_WANTED}). */
  public static final int REFUSAL_WINDOW = 4;

  private final Function<String, Integer> byName;
  private final int longest;

  /**
   * @param names the name of each document, in document order (the first of equal names wins)
   */
  public Invocation(List<String> names) {
    Map<String, Integer> map = new HashMap<>();
    int max = 0;
    for (int doc = 0; doc < names.size(); doc++) {
      List<String> w = words(names.get(doc));
      if (names(w)) {
        map.putIfAbsent(key(w), doc);
        max = Math.max(max, w.size());
      }
    }
    this.byName = map::get;
    this.longest = max;
  }

  /**
   * Over names looked up elsewhere: {@code byName} gives the first document whose name has that
   * {@link #key} (or null), {@code longest} the most words such a name has.
   */
  Invocation(Function<String, Integer> byName, int longest) {
    this.byName = byName;
    this.longest = longest;
  }

  /** Whether a name of these {@link #words} can be invoked ("skill" alone names nothing). */
  static boolean names(List<String> words) {
    return words.stream().anyMatch(x -> !x.equals("skill"));
  }

  /** What names of the same words share. */
  static String key(List<String> words) {
    return String.join(" ", words);
  }

  /**
   * The document the query invokes, if any: a leading slash command first, else the first "NAME
   * skill".
   */
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
      String command =
          query.substring(start + 1, end); // "/pdf", "/plugin:pdf"; not a path ("/usr/bin")
      Integer doc =
          byName.apply(String.join(" ", words(command.substring(command.lastIndexOf(':') + 1))));
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
        int from = j - n;
        Integer doc = n <= j ? byName.apply(String.join(" ", w.subList(from, j))) : null;
        if (doc == null) {
          from = j - n + 1;
          doc = byName.apply(String.join(" ", w.subList(from, j + 1)));
        }
        if (doc != null) {
          if (w.subList(Math.max(0, from - REFUSAL_WINDOW), from).stream()
              .noneMatch(NOT_WANTED::contains)) {
            return OptionalInt.of(doc);
          }
          break; // this mention is a refusal: look for another
        }
      }
    }
    return OptionalInt.empty();
  }

  /** Lowercase runs of letters and digits (the browser search's name keys too). */
  public static List<String> words(String text) {
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
