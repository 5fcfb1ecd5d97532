package dev.skillsite.search;

import dev.skillsite.routing.Invocation;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names a query may call a skill by ({@link Invocation}), for the browser: each name's key (its
 * lowercase words joined by a space) with the first document of that name, the most words a name
 * has, and how many distinct names there are. The keys go into hashed chunks ({@code search/n/}),
 * so a query loads only the chunks of the keys it could name, not every skill's name.
 */
final class SkillNames {
  private final Map<String, Integer> byKey = new TreeMap<>();
  private final int longest;
  private final int distinct;

  SkillNames(List<String> names) {
    int max = 0;
    for (int doc = 0; doc < names.size(); doc++) {
      List<String> w = Invocation.words(names.get(doc));
      if (w.stream().anyMatch(x -> !x.equals("skill"))) { // "skill" alone names nothing
        byKey.putIfAbsent(String.join(" ", w), doc);
        max = Math.max(max, w.size());
      }
    }
    this.longest = max;
    this.distinct = new HashSet<>(names).size();
  }

  /** Key → the first document with that name, sorted by key. */
  Map<String, Integer> byKey() {
    return byKey;
  }

  int longest() {
    return longest;
  }

  int distinct() {
    return distinct;
  }

  /** About the bytes the keys take in chunk files. */
  long bytes() {
    return byKey.keySet().stream().mapToLong(k -> k.length() + 10).sum();
  }
}
