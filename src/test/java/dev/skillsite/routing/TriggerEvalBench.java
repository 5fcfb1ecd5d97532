package dev.skillsite.routing;

import dev.skillsite.routing.eval.EvalReport;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;

/** Prints the pass rate of every author-written trigger-eval set, and overall. */
final class TriggerEvalBench {
  public static void main(String[] args) throws Exception {
    int queries = 0;
    double passed = 0;
    for (TriggerEvalSets.Set set : TriggerEvalSets.load()) {
      try (RoutingIndex index = RoutingIndex.build(set.skills())) {
        Router router = new Router(index);
        EvalReport r = Evaluator.evaluate(set.cases(), q -> {
          RouteResult rr = router.route(q, 10);
          return new Ranking(rr.hits().stream().map(RouteHit::name).toList(), rr.triggered());
        });
        queries += r.queries();
        passed += r.passRate() * r.queries();
        System.out.printf("%-45s skills %3d queries %3d (+%d/-%d) pass %.3f top1 %.3f ftr %.3f%n", set.folder(),
            set.skills().size(), r.queries(), r.positives(), r.negatives(), r.passRate(), r.top1(),
            r.falseTriggerRate());
        if (args.length > 0) {
          r.misses().forEach(m -> System.out.println("    MISS " + m.expected() + " got " + m.got()
              + (m.abstained() ? " (abstained)" : "") + " :: " + m.query().replace('\n', ' ')
                  .substring(0, Math.min(120, m.query().length()))));
        }
      }
    }
    System.out.printf("overall: %d queries, pass rate %.3f%n", queries, passed / queries);
  }
}
