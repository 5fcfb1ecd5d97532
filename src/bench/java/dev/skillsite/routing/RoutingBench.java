package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.routing.eval.EvalReport;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;
import dev.skillsite.testing.CorpusSkills;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Scratch/benchmark: prints eval figures and a features dump for the three dev sets. */
final class RoutingBench {
  public static void main(String[] args) throws Exception {
    Path corpora = Path.of("../shared/corpora");
    Path eval = Path.of("../shared/eval");
    String[][] sets = {{"elixir", "elixir"}, {"anthropic", "anthropic"}, {"large", "large"}};
    try (PrintStream dump =
        new PrintStream(
            Files.newOutputStream(Path.of("/tmp/routing-features.tsv")),
            true,
            StandardCharsets.UTF_8)) {
      dump.println("set\tpos\thit\texplained\tsurface\tknown\tmargin\ttop\twords\tquery\tn\tterms");
      for (String[] s : sets) {
        List<Skill> skills = CorpusSkills.load(corpora.resolve(s[0]));
        long t0 = System.nanoTime();
        RoutingIndex index = RoutingIndex.build(skills);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        Router router = new Router(index);
        List<EvalCase> cases = EvalFile.read(eval.resolve(s[1] + ".jsonl"), Optional.empty());
        for (EvalCase c : cases) {
          RouteExplanation ex = router.explain(c.query(), 10);
          var f = ex.features();
          boolean hit =
              c.isPositive()
                  && !ex.result().hits().isEmpty()
                  && c.expected().contains(ex.result().hits().get(0).name());
          StringBuilder terms = new StringBuilder();
          if (!ex.result().hits().isEmpty()) {
            int top = index.doc(ex.result().hits().get(0).id()).orElseThrow();
            for (String t : index.terms().terms(Fields.DESCRIPTION, c.query())) {
              boolean surf =
                  java.util.stream.Stream.of(
                          Fields.NAME,
                          Fields.PHRASE,
                          Fields.KEYWORD,
                          Fields.DESCRIPTION,
                          Fields.HEADING)
                      .anyMatch(fl -> index.contains(fl, t, top));
              terms
                  .append(t)
                  .append(':')
                  .append(index.docFreq(t))
                  .append(':')
                  .append(index.docFreq(Fields.ALL, t))
                  .append(':')
                  .append(surf ? 1 : 0)
                  .append(index.contains(Fields.BODY, t, top) ? 1 : 0)
                  .append(' ');
            }
          }
          dump.printf(
              "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%d\t%s\t%d\t%s%n",
              s[0],
              c.isPositive() ? 1 : 0,
              hit ? 1 : 0,
              f.matched(),
              f.explained(),
              f.known(),
              f.margin(),
              f.topScore(),
              f.words(),
              c.query().replace('\t', ' '),
              index.size(),
              terms.toString().strip());
        }
        EvalReport r =
            Evaluator.evaluate(
                cases,
                q -> {
                  RouteResult rr = router.route(q, 10);
                  return new Ranking(
                      rr.hits().stream().map(RouteHit::name).toList(), rr.triggered());
                });
        EvalReport raw =
            Evaluator.evaluate(
                cases,
                q -> {
                  RouteResult rr = router.route(q, 10);
                  return new Ranking(rr.hits().stream().map(RouteHit::name).toList(), true);
                });
        System.out.printf(
            "%s: %d skills, build %d ms; top1 %.3f top3 %.3f mrr %.3f ftr %.3f abst %d | no-abstain top1 %.3f%n",
            s[0],
            skills.size(),
            buildMs,
            r.top1(),
            r.top3(),
            r.mrr(),
            r.falseTriggerRate(),
            r.abstainedPositives(),
            raw.top1());
        if (args.length > 0) {
          for (var m : raw.misses()) {
            if (!m.expected().isEmpty()) {
              System.out.println(
                  "   MISS " + m.expected() + " got " + m.got() + " :: " + m.query());
            }
          }
        }
        index.close();
      }
    }
  }
}
