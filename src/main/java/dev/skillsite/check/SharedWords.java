package dev.skillsite.check;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.StopWords;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words of a trigger that a rival skill's name or description also uses: why the rival wins it.
 * Words are compared lowercased, function words left out, and a word matches its plural or {@code
 * -ing} form. Stateless.
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

  /** A crude English stem: "creates", "create" and "creating" all give "creat". */
  private static String stem(String w) {
    String s = w;
    if (s.endsWith("ing") && s.length() > 5) {
      s = s.substring(0, s.length() - 3);
    } else if (s.endsWith("es") && s.length() > 4) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("s") && s.length() > 3) {
      s = s.substring(0, s.length() - 1);
    }
    return s.endsWith("e") && s.length() > 3 ? s.substring(0, s.length() - 1) : s;
  }
}
