package dev.skillsite.routing.eval;

import java.util.List;

/**
 * Scores of a query set (see {@code ../shared/eval/README.md}). An abstention on a positive counts as a
 * top-1 miss; top-3 and MRR (cutoff 10) use the ranking whether or not the router abstained.
 *
 * @param abstainedPositives positives on which the router abstained
 * @param passRate (positives routed first to their skill, not abstaining + negatives not falsely triggered) / queries
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
