package dev.skillsite.routing.eval;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of a query set (see {@code ../shared/eval/README.md}). An abstention on a positive counts
 * as a top-1 miss; top-3 and MRR (cutoff 10) use the ranking whether or not the router abstained.
 *
 * @param abstainedPositives positives on which the router abstained
 * @param passRate (positives routed first to their skill, not abstaining + negatives not falsely
 *     triggered) / queries
 */
public record EvalReport(
    int queries,
    int positives,
    int negatives,
    double top1,
    double top3,
    double mrr,
    double falseTriggerRate,
    int abstainedPositives,
    double passRate,
    List<Miss> misses) {
  public EvalReport {
    misses = List.copyOf(misses);
  }

  /**
   * Where the misses went, most frequent first (then by expected and got): for a skill author, a
   * pair that recurs (queries for one skill taken by another, or always abstained on) says which
   * description to change.
   */
  public List<Confusion> confusions() {
    record Key(List<String> expected, String got) {}
    Map<Key, Integer> counts = new LinkedHashMap<>();
    for (Miss m : misses) {
      counts.merge(new Key(m.expected(), m.abstained() ? "" : m.got()), 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .map(e -> new Confusion(e.getKey().expected(), e.getKey().got(), e.getValue()))
        .sorted(
            Comparator.comparingInt(Confusion::count)
                .reversed()
                .thenComparing(c -> String.join("|", c.expected()))
                .thenComparing(Confusion::got))
        .toList();
  }

  /**
   * Misses that share what was expected and what happened.
   *
   * @param expected the acceptable skills, empty for a negative
   * @param got the skill that came first and fired, empty when the router abstained
   */
  public record Confusion(List<String> expected, String got, int count) {
    public Confusion {
      expected = List.copyOf(expected);
    }
  }

  /**
   * A positive not routed first (or abstained on), or a negative that triggered.
   *
   * @param got the top skill, empty when there was none
   * @param abstained whether the router abstained
   */
  public record Miss(String query, List<String> expected, String got, boolean abstained) {
    public Miss {
      expected = List.copyOf(expected);
    }
  }
}
