package dev.skillsite.site;

import dev.skillsite.site.view.MetaEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Frontmatter values as text for a skill page: lists joined, nested maps flattened to dotted keys.
 */
final class FrontmatterText {
  /** Keys the page shows in their own places. */
  static final Set<String> SHOWN_ELSEWHERE =
      Set.of("name", "description", "license", "allowed-tools");

  static final int MAX_VALUE = 500;

  private FrontmatterText() {}

  static String text(Object value) {
    String s;
    if (value instanceof Collection<?> list) {
      s = list.stream().map(FrontmatterText::text).collect(Collectors.joining(", "));
    } else if (value instanceof Map<?, ?> map) {
      s =
          new TreeMap<>(stringKeys(map))
              .entrySet().stream()
                  .map(e -> e.getKey() + ": " + text(e.getValue()))
                  .collect(Collectors.joining("; "));
    } else {
      s = String.valueOf(value);
    }
    return Summaries.clip(s, MAX_VALUE);
  }

  /** Every other key, sorted, nested maps as {@code metadata.version}. */
  static List<MetaEntry> others(Map<String, Object> frontmatter) {
    List<MetaEntry> entries = new ArrayList<>();
    new TreeMap<>(frontmatter)
        .forEach(
            (key, value) -> {
              if (!SHOWN_ELSEWHERE.contains(key)) {
                flatten(key, value, entries, 0);
              }
            });
    return entries;
  }

  private static void flatten(String key, Object value, List<MetaEntry> out, int depth) {
    if (value instanceof Map<?, ?> map && depth < 3) {
      new TreeMap<>(stringKeys(map)).forEach((k, v) -> flatten(key + "." + k, v, out, depth + 1));
    } else if (value != null) {
      out.add(new MetaEntry(key, text(value)));
    }
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
