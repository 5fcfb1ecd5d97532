package dev.skillsite.routing;

import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.routing.eval.EvalReport;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;
import dev.skillsite.testing.CorpusSkills;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ranking-only top-1 per development set for one-at-a-time changes of the field boosts; test
 * tooling.
 */
final class BoostSweep {
  public static void main(String[] args) throws Exception {
    List<RoutingIndex> idx = new ArrayList<>();
    List<List<EvalCase>> cases = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String set : new String[] {"elixir", "anthropic", "large"}) {
      idx.add(RoutingIndex.build(CorpusSkills.load(Path.of("../shared/corpora", set))));
      cases.add(EvalFile.read(Path.of("../shared/eval", set + ".jsonl"), Optional.empty()));
      names.add(set);
    }
    for (TriggerEvalSets.EvalSet s : TriggerEvalSets.load()) {
      if (s.skills().size() > 1) {
        idx.add(RoutingIndex.build(s.skills()));
        cases.add(s.cases());
        names.add("T");
      }
    }
    report("base", Fields.SEARCHED, idx, cases, names);
    double[] factors = {0.5, 0.75, 1.5, 2.0};
    for (int i = 0; i < Fields.SEARCHED.size(); i++) {
      if (Fields.SEARCHED.get(i).boost() == 0) {
        continue;
      }
      for (double f : factors) {
        List<Fields.Weighted> w = new ArrayList<>(Fields.SEARCHED);
        Fields.Weighted o = w.get(i);
        w.set(i, new Fields.Weighted(o.field(), (float) (o.boost() * f)));
        report(o.field() + "x" + f, w, idx, cases, names);
      }
    }
  }

  static void report(
      String label,
      List<Fields.Weighted> w,
      List<RoutingIndex> idx,
      List<List<EvalCase>> cases,
      List<String> names) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s", label));
    double tHit = 0;
    int tPos = 0;
    for (int i = 0; i < idx.size(); i++) {
      Router r = new Router(idx.get(i), Confidence.DEFAULT, w);
      EvalReport rep =
          Evaluator.evaluate(
              cases.get(i),
              q -> new Ranking(r.route(q, 10).hits().stream().map(RouteHit::name).toList(), true));
      if (names.get(i).equals("T")) {
        tHit += rep.top1() * rep.positives();
        tPos += rep.positives();
      } else {
        sb.append(String.format(Locale.ROOT, " %s %.3f/%.3f", names.get(i), rep.top1(), rep.mrr()));
      }
    }
    sb.append(String.format(Locale.ROOT, " trig-multi %.3f (%d)", tHit / tPos, tPos));
    System.out.println(sb);
  }
}
