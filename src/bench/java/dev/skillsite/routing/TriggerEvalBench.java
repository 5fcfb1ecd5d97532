package dev.skillsite.routing;

import dev.skillsite.routing.eval.EvalReport;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;
import java.util.List;

/**
 * Prints the pass rate of every author-written trigger-eval set, and overall (all 47 sets; with the
 * argument {@code misses}, each miss; with {@code first13}, only the sets of
 * ../shared/corpora/trigger-evals).
 */
final class TriggerEvalBench {
  public static void main(String[] args) throws Exception {
    List<String> a = List.of(args);
    int queries = 0;
    double passed = 0;
    for (TriggerEvalSets.EvalSet set :
        a.contains("first13") ? TriggerEvalSets.load() : TriggerEvalSets.loadAll()) {
      try (RoutingIndex index = RoutingIndex.build(set.skills())) {
        Router router = new Router(index);
        EvalReport r =
            Evaluator.evaluate(
                set.cases(),
                q -> {
                  RouteResult rr = router.route(q, 10);
                  return new Ranking(
                      rr.hits().stream().map(RouteHit::name).toList(), rr.triggered());
                });
        queries += r.queries();
        passed += r.passRate() * r.queries();
        System.out.printf(
            "%-45s %s skills %3d (skipped %d) queries %3d (+%d/-%d, %d not scored) pass %.3f top1 %.3f"
                + " ftr %.3f%n",
            set.folder(),
            set.script(),
            set.skills().size(),
            set.skipped().size(),
            r.queries(),
            r.positives(),
            r.negatives(),
            set.notScored().size(),
            r.passRate(),
            r.top1(),
            r.falseTriggerRate());
        if (a.contains("misses")) {
          r.misses()
              .forEach(
                  m ->
                      System.out.println(
                          "    MISS "
                              + m.expected()
                              + " got "
                              + m.got()
                              + (m.abstained() ? " (abstained)" : "")
                              + " :: "
                              + m.query()
                                  .replace('\n', ' ')
                                  .substring(0, Math.min(120, m.query().length()))));
          set.notScored()
              .forEach(
                  c ->
                      System.out.println(
                          "    NOT SCORED " + c.expected() + c.scope() + " :: " + c.query()));
        }
      }
    }
    System.out.printf("overall: %d queries, pass rate %.3f%n", queries, passed / queries);
  }
}
