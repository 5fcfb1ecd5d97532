package dev.skillsite.check;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.StopWords;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a trigger that a rival skill's name or description also uses: why the rival wins it. Words are
 * compared lowercased, function words left out, and a word matches its plural or {@code -ing} form. Stateless.
 */
final class SharedWords {
  private static final Set<String> STOP = Set.copyOf(StopWords.WORDS);

  private SharedWords() {}

  static List<String> of(String trigger, Skill rival) {
    Set<String> theirs = new LinkedHashSet<>();
    for (String w : words(rival.name().replace('-', ' ') + " " + rival.description())) {
      theirs.add(stem(w));
    }
    Set<String> shared = new LinkedHashSet<>();
    for (String w : words(trigger)) {
      if (theirs.contains(stem(w))) {
        shared.add(w);
      }
    }
    return new ArrayList<>(shared);
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}+#.]+")) {
      String t = w.replaceAll("^\\.+|\\.+$", "");
      if (t.length() > 1 && !STOP.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private static String stem(String w) {
    if (w.endsWith("ing") && w.length() > 5) {
      return w.substring(0, w.length() - 3);
    }
    if (w.endsWith("es") && w.length() > 4) {
      return w.substring(0, w.length() - 2);
    }
    if (w.endsWith("s") && w.length() > 3) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }
}
