package dev.skillsite.routing.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a query set through a router and scores it (the arithmetic of {@code
 * ../shared/eval/README.md}).
 */
public final class Evaluator {
  static final int CUTOFF = 10;

  private Evaluator() {}

  public static EvalReport evaluate(List<EvalCase> cases, Function<String, Ranking> router) {
    int positives = 0;
    int negatives = 0;
    int top1 = 0;
    int top3 = 0;
    double rr = 0;
    int falseTriggers = 0;
    int abstained = 0;
    List<EvalReport.Miss> misses = new ArrayList<>();
    for (EvalCase c : cases) {
      Ranking r = router.apply(c.query());
      List<String> names = r.names().subList(0, Math.min(CUTOFF, r.names().size()));
      String first = names.isEmpty() ? "" : names.get(0);
      if (c.isPositive()) {
        positives++;
        int rank = 0;
        for (int i = 0; i < names.size(); i++) {
          if (c.expected().contains(names.get(i))) {
            rank = i + 1;
            break;
          }
        }
        if (!r.triggered()) {
          abstained++;
        }
        if (rank == 1 && r.triggered()) {
          top1++;
        } else {
          misses.add(new EvalReport.Miss(c.query(), c.expected(), first, !r.triggered()));
        }
        if (rank >= 1 && rank <= 3) {
          top3++;
        }
        rr += rank == 0 ? 0 : 1.0 / rank;
      } else {
        negatives++;
        boolean fired =
            r.triggered() && !first.isEmpty() && c.scope().map(first::equals).orElse(true);
        if (fired) {
          falseTriggers++;
          misses.add(new EvalReport.Miss(c.query(), c.expected(), first, false));
        }
      }
    }
    int queries = positives + negatives;
    return new EvalReport(
        queries,
        positives,
        negatives,
        ratio(top1, positives),
        ratio(top3, positives),
        positives == 0 ? 0 : rr / positives,
        ratio(falseTriggers, negatives),
        abstained,
        ratio(top1 + negatives - falseTriggers, queries),
        misses);
  }

  /**
   * Cases split by whether the collection holds the skill they name.
   *
   * @param scored positives naming at least one skill of the collection, negatives about one of its
   *     skills or about none in particular
   * @param unknown cases whose every expected skill (or the one skill a negative is about) is not
   *     in the collection: scoring them would count a miss (or a free pass) that says nothing about
   *     the routing
   */
  public record Split(List<EvalCase> scored, List<EvalCase> unknown) {
    public Split {
      scored = List.copyOf(scored);
      unknown = List.copyOf(unknown);
    }
  }

  public static Split split(List<EvalCase> cases, Predicate<String> inCollection) {
    List<EvalCase> scored = new ArrayList<>();
    List<EvalCase> unknown = new ArrayList<>();
    for (EvalCase c : cases) {
      boolean known =
          c.isPositive()
              ? c.expected().stream().anyMatch(inCollection)
              : c.scope().map(inCollection::test).orElse(true);
      (known ? scored : unknown).add(c);
    }
    return new Split(scored, unknown);
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }
}
