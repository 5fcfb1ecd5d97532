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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every query of every evaluation set ranked, one line each (set, query, abstained, the top 10 with
 * score and confidence), then each set's figures: two runs on two versions of the code are compared
 * with {@code diff}, so a change that should not move rankings (the quantized statistics, session
 * 18) shows every query it moved. Sets: the three development sets and our held-out ones on their
 * collections, and every author-written trigger eval ({@link TriggerEvalSets#loadAll}); with a
 * second argument, the {@code large} sets' rankings on that replica of {@code large} too. Run:
 * {@code java -cp … dev.skillsite.routing.RankingDump OUT.tsv [REPLICA]}.
 */
final class RankingDump {
  private static final String[] SETS = {"elixir", "anthropic", "large"};

  public static void main(String[] args) throws Exception {
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(Path.of(args[0])), true, StandardCharsets.UTF_8)) {
      List<String> figures = new ArrayList<>();
      for (String set : SETS) {
        List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora", set));
        try (RoutingIndex index = RoutingIndex.build(skills)) {
          Router router = new Router(index);
          dump(out, figures, set, router, read(Path.of("../shared/eval", set + ".jsonl")));
          dump(
              out,
              figures,
              set + " held-out",
              router,
              read(Path.of("src/test/resources/eval", set + "-heldout.jsonl")));
        }
      }
      for (TriggerEvalSets.EvalSet s : TriggerEvalSets.loadAll()) {
        try (RoutingIndex index = RoutingIndex.build(s.skills())) {
          dump(out, figures, s.folder(), new Router(index), s.cases());
        }
      }
      if (args.length > 1) { // a replica of large (bench/replicate): rankings only, names differ
        List<Skill> skills = CorpusSkills.load(Path.of(args[1]));
        try (RoutingIndex index = RoutingIndex.build(skills)) {
          Router router = new Router(index);
          List<String> ignored = new ArrayList<>();
          dump(out, ignored, "large replica", router, read(Path.of("../shared/eval/large.jsonl")));
          dump(
              out,
              ignored,
              "large replica held-out",
              router,
              read(Path.of("src/test/resources/eval/large-heldout.jsonl")));
        }
      }
      figures.forEach(out::println);
    }
  }

  private static List<EvalCase> read(Path file) throws Exception {
    return EvalFile.read(file, Optional.empty());
  }

  private static void dump(
      PrintStream out, List<String> figures, String set, Router router, List<EvalCase> cases) {
    for (EvalCase c : cases) {
      RouteResult r = router.route(c.query(), 10);
      StringBuilder line = new StringBuilder(set).append('\t').append(c.query()).append('\t');
      line.append(r.triggered() ? "fires" : "abstains");
      for (RouteHit h : r.hits()) {
        line.append('\t')
            .append(h.name())
            .append(' ')
            .append(h.score())
            .append(' ')
            .append(h.confidence());
      }
      out.println(line.toString().replace('\n', ' '));
    }
    EvalReport rep =
        Evaluator.evaluate(
            cases,
            q -> {
              RouteResult r = router.route(q, 10);
              return new Ranking(r.hits().stream().map(RouteHit::name).toList(), r.triggered());
            });
    figures.add(
        String.format(
            Locale.ROOT,
            "figures\t%s\ttop-1 %.3f\ttop-3 %.3f\tMRR %.3f\tfalse-trigger %.3f\tabstained %d\t(%d+, %d-)",
            set,
            rep.top1(),
            rep.top3(),
            rep.mrr(),
            rep.falseTriggerRate(),
            rep.abstainedPositives(),
            rep.positives(),
            rep.negatives()));
  }
}
