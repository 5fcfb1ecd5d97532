package dev.skillsite.routing;

import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;
import dev.skillsite.testing.CorpusSkills;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Scratch: coordinate search over field boosts, ranking only (no abstention). */
final class RoutingTune {
  public static void main(String[] args) throws Exception {
    String[] sets = {"elixir", "anthropic", "large"};
    List<RoutingIndex> idx = new ArrayList<>();
    List<List<EvalCase>> cases = new ArrayList<>();
    for (String s : sets) {
      long t0 = System.nanoTime();
      idx.add(RoutingIndex.build(CorpusSkills.load(Path.of("../shared/corpora", s))));
      System.out.printf("%s built in %d ms%n", s, (System.nanoTime() - t0) / 1_000_000);
      cases.add(EvalFile.read(Path.of("../shared/eval", s + ".jsonl"), Optional.empty()));
    }
    List<Fields.Weighted> best = new ArrayList<>(Fields.SEARCHED);
    double bestScore = score(best, idx, cases, true);
    double[] factors = {0, 0.5, 0.75, 1.33, 2};
    for (int round = 0; round < Integer.parseInt(args.length > 0 ? args[0] : "1"); round++) {
      for (int i = 0; i < best.size(); i++) {
        for (double f : factors) {
          List<Fields.Weighted> cand = new ArrayList<>(best);
          Fields.Weighted w = cand.get(i);
          float nb = (float) (w.boost() == 0 ? f * 0.5 : w.boost() * f);
          cand.set(i, new Fields.Weighted(w.field(), nb));
          double sc = score(cand, idx, cases, false);
          if (sc > bestScore + 1e-9) {
            bestScore = sc;
            best = cand;
            System.out.println("better " + sc + " " + best);
          }
        }
      }
    }
    score(best, idx, cases, true);
    System.out.println(best);
  }

  static double score(List<Fields.Weighted> fields, List<RoutingIndex> idx, List<List<EvalCase>> cases, boolean print) {
    double sum = 0;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < idx.size(); i++) {
      Router r = new Router(idx.get(i), Confidence.DEFAULT, fields);
      var rep = Evaluator.evaluate(cases.get(i), q -> new Ranking(
          r.route(q, 10).hits().stream().map(RouteHit::name).toList(), true));
      sum += rep.top1() + 0.5 * rep.mrr();
      sb.append(String.format(" top1 %.3f mrr %.3f |", rep.top1(), rep.mrr()));
    }
    if (print) {
      System.out.println(sb + " " + fields);
    }
    return sum;
  }
}
