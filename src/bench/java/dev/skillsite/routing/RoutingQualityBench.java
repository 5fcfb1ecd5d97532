package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.routing.eval.EvalReport;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;
import dev.skillsite.testing.CorpusSkills;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the "Routing quality" figures of BENCHMARKS.md: skillsite against the plain baseline on
 * the three development sets, a threshold sweep, build and route timings, and the author-written
 * trigger evals. Run: {@code java -cp target/classes:target/test-classes:<deps>
 * dev.skillsite.routing.RoutingQualityBench}.
 */
final class RoutingQualityBench {
  private static final String[] SETS = {"elixir", "anthropic", "large"};
  private static final double[] SWEEP = {0.0, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9};

  public static void main(String[] args) throws Exception {
    Path corpora = Path.of("../shared/corpora");
    List<List<EvalCase>> cases = new ArrayList<>();
    List<RoutingIndex> indexes = new ArrayList<>();
    System.out.println(
        "| set | router | top-1 | top-3 | MRR | false-trigger | positives abstained |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String set : SETS) {
      Path root = corpora.resolve(set);
      List<Skill> skills = CorpusSkills.load(root);
      List<EvalCase> c = EvalFile.read(Path.of("../shared/eval", set + ".jsonl"), Optional.empty());
      cases.add(c);
      RoutingIndex index = RoutingIndex.build(skills);
      indexes.add(index);
      Router router = new Router(index);
      rows(set, root, skills, router, c);
      // our own held-out set: written from the skills without running the router or reading the
      // development
      // queries; nothing was tuned on it
      rows(
          set + ", own held-out",
          root,
          skills,
          router,
          EvalFile.read(
              Path.of("src/test/resources/eval", set + "-heldout.jsonl"), Optional.empty()));
    }
    System.out.println();
    System.out.println(
        "Threshold sweep (top-1 counts an abstention as a miss; missed = positives abstained):");
    System.out.println();
    StringBuilder head = new StringBuilder("| threshold |");
    StringBuilder sep = new StringBuilder("|---|");
    for (String s : SETS) {
      head.append(' ').append(s).append(" top-1 / missed / false-trigger |");
      sep.append("---|");
    }
    System.out.println(head);
    System.out.println(sep);
    for (double t : SWEEP) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %.2f |", t));
      for (int i = 0; i < SETS.length; i++) {
        Router router = new Router(indexes.get(i), Confidence.DEFAULT.withThreshold(t));
        EvalReport r = Evaluator.evaluate(cases.get(i), q -> ranking(router, q, true));
        line.append(
            String.format(
                Locale.ROOT,
                " %.3f / %.3f / %.2f |",
                r.top1(),
                (double) r.abstainedPositives() / r.positives(),
                r.falseTriggerRate()));
      }
      System.out.println(line);
    }
    System.out.println();
    System.out.println(
        "Small talk (src/test/resources/eval/small-talk.txt): messages that fire a skill");
    System.out.println();
    List<String> talk = dev.skillsite.testing.SmallTalk.messages();
    for (int i = 0; i < SETS.length; i++) {
      Router router = new Router(indexes.get(i));
      List<String> fired = talk.stream().filter(q -> router.route(q, 1).triggered()).toList();
      System.out.printf(
          Locale.ROOT, "- %s: %d of %d %s%n", SETS[i], fired.size(), talk.size(), fired);
    }
    timings(corpora, indexes.get(2), cases.get(2));
    for (RoutingIndex i : indexes) {
      i.close();
    }
  }

  /**
   * The baseline, the ranking alone and skillsite with abstention on one query set of a collection.
   */
  private static void rows(
      String label, Path root, List<Skill> skills, Router router, List<EvalCase> c)
      throws Exception {
    EvalReport r = Evaluator.evaluate(c, q -> ranking(router, q, true));
    EvalReport ranked = Evaluator.evaluate(c, q -> ranking(router, q, false));
    EvalReport base;
    try (BaselineRouter b =
        new BaselineRouter(CorpusSkills.files(root), skills.stream().map(Skill::name).toList())) {
      base = Evaluator.evaluate(c, q -> new Ranking(b.rank(q), true));
    }
    String name = String.format(Locale.ROOT, "%s (%d+, %d−)", label, r.positives(), r.negatives());
    row(name, "baseline: BM25 whole SKILL.md, StandardAnalyzer, never abstains", base);
    row(name, "skillsite ranking only (never abstains)", ranked);
    row(
        name,
        String.format(Locale.ROOT, "**skillsite, threshold %.2f**", Confidence.DEFAULT.threshold()),
        r);
  }

  private static Ranking ranking(Router router, String q, boolean abstain) {
    RouteResult r = router.route(q, 10);
    return new Ranking(r.hits().stream().map(RouteHit::name).toList(), !abstain || r.triggered());
  }

  private static void row(String set, String router, EvalReport r) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %.3f | %.3f | %.3f | %.2f | %d |%n",
        set,
        router,
        r.top1(),
        r.top3(),
        r.mrr(),
        r.falseTriggerRate(),
        r.abstainedPositives());
  }

  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** Thread CPU time, not wall time: the benchmark machine is shared and often loaded. */
  private static void timings(Path corpora, RoutingIndex large, List<EvalCase> cases)
      throws Exception {
    List<Skill> skills = CorpusSkills.load(corpora.resolve("large"));
    long[] builds = new long[5];
    long[] wall = new long[5];
    for (int i = 0; i < builds.length; i++) {
      long w0 = System.nanoTime();
      long t0 = CPU.getCurrentThreadCpuTime();
      try (RoutingIndex idx = RoutingIndex.build(skills)) {
        builds[i] = (CPU.getCurrentThreadCpuTime() - t0) / 1_000_000;
        wall[i] = (System.nanoTime() - w0) / 1_000_000;
      }
    }
    Router router = new Router(large);
    List<Long> times = new ArrayList<>();
    for (int round = 0; round < 6; round++) {
      for (EvalCase c : cases) {
        long t0 = CPU.getCurrentThreadCpuTime();
        router.route(c.query(), 5);
        if (round > 0) {
          times.add(CPU.getCurrentThreadCpuTime() - t0);
        }
      }
    }
    times.sort(null);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "large (883 skills): index build CPU ms %s (wall ms %s); route(query, top 5) warm"
            + " CPU p50 %.2f ms, p90 %.2f ms over %d calls%n",
        Arrays.toString(builds),
        Arrays.toString(wall),
        times.get(times.size() / 2) / 1e6,
        times.get(times.size() * 9 / 10) / 1e6,
        times.size());
  }
}
