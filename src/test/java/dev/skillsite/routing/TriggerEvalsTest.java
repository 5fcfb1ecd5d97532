package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.routing.eval.EvalReport;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Regression floor on the author-written trigger evals (../shared/corpora/trigger-evals). */
class TriggerEvalsTest {
  @Test
  void passRateStaysAboveFloor() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(TriggerEvalSets.ROOT), "shared corpora missing");
    int queries = 0;
    double passed = 0;
    for (TriggerEvalSets.EvalSet set : TriggerEvalSets.load()) {
      try (RoutingIndex index = RoutingIndex.build(set.skills())) {
        Router router = new Router(index);
        EvalReport r = Evaluator.evaluate(set.cases(), q -> {
          RouteResult rr = router.route(q, 10);
          return new Ranking(rr.hits().stream().map(RouteHit::name).toList(), rr.triggered());
        });
        queries += r.queries();
        passed += r.passRate() * r.queries();
      }
    }
    double rate = passed / queries;
    assertTrue(queries >= 400, "queries " + queries);
    assertTrue(rate >= 0.83, "pass rate " + rate);
  }
}
