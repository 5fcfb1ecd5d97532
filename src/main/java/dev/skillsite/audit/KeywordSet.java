package dev.skillsite.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' keywords, found in one pass over a lower-cased text (keywords bucketed by their first character),
 * so that a rule's pattern runs only on files holding one of its keywords.
 */
final class KeywordSet {
  private final List<String> keywords;
  private final int[][] byFirst = new int[128][];
  private final Map<String, int[]> ofRule = new LinkedHashMap<>();

  KeywordSet(List<AuditRule> rules) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (AuditRule r : rules) {
      int[] ids = new int[r.keywords().size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = index.computeIfAbsent(r.keywords().get(i), k -> index.size());
      }
      ofRule.put(r.id(), ids);
    }
    keywords = new ArrayList<>(index.keySet());
    List<List<Integer>> buckets = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      buckets.add(new ArrayList<>());
    }
    for (int k = 0; k < keywords.size(); k++) {
      char c = keywords.get(k).charAt(0);
      if (c >= 128) {
        throw new IllegalArgumentException("keywords start with an ASCII character: " + keywords.get(k));
      }
      buckets.get(c).add(k);
    }
    for (int c = 0; c < 128; c++) {
      byFirst[c] = buckets.get(c).isEmpty() ? null : buckets.get(c).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** Which keywords {@code lower} (a lower-cased text) holds, by keyword index. */
  boolean[] find(String lower) {
    boolean[] present = new boolean[keywords.size()];
    int left = keywords.size();
    for (int i = 0; i < lower.length() && left > 0; i++) {
      char c = lower.charAt(i);
      if (c >= 128 || byFirst[c] == null) {
        continue;
      }
      for (int k : byFirst[c]) {
        if (!present[k] && lower.startsWith(keywords.get(k), i)) {
          present[k] = true;
          left--;
        }
      }
    }
    return present;
  }

  /** Whether a rule's pattern is worth running: it has no keywords, or one of them is present. */
  boolean worthTrying(AuditRule rule, boolean[] present) {
    int[] ids = ofRule.getOrDefault(rule.id(), new int[0]);
    if (ids.length == 0) {
      return true;
    }
    for (int k : ids) {
      if (present[k]) {
        return true;
      }
    }
    return false;
  }
}
