package dev.skillsite.routing;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.Calibration.Model;
import dev.skillsite.routing.Calibration.Row;
import dev.skillsite.routing.Calibration.Score;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.testing.CorpusSkills;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The in-sample and out-of-sample table of BENCHMARKS.md (issue 22): every author-written trigger-eval set (47)
 * and the three development sets of {@code ../shared/eval} are routed once; then the confidence weights and the
 * threshold are fitted (logistic regression, each set weighing the same; the threshold with the best mean pass
 * rate) on all sets but one and scored on that one, for each set in turn. Printed beside it: the shipped
 * constants (in-sample on the development sets they were fitted on) and the same fit on every set (in-sample).
 * Run: {@code java -cp target/classes:target/test-classes:<deps> dev.skillsite.routing.LeaveOneSetOutBench}.
 */
final class LeaveOneSetOutBench {
  static final double LAMBDA = 0.001;
  static final String[] DEV = {"elixir", "anthropic", "large"};

  /** One set: its rows and its language. */
  record Unit(String name, String language, boolean dev, List<Row> rows) {}

  public static void main(String[] args) throws Exception {
    List<Unit> units = units();
    List<Row> all = units.stream().flatMap(u -> u.rows().stream()).toList();
    Model shipped = new Model(new double[] {Confidence.W_MATCHED, Confidence.W_KNOWN, Confidence.W_EXPLAINED,
        Confidence.W_MARGIN, Confidence.W_BG_KNOWN, Confidence.W_BG_EXPLAINED, Confidence.W_RAREST_MISSING},
        Confidence.BIAS, Confidence.DEFAULT.threshold());
    Model inSample = Calibration.fitModel(all, LAMBDA);
    System.out.printf(Locale.ROOT, "fitted on every set: w = %s, bias %.2f, threshold %.2f%n",
        fmt(inSample.w()), inSample.bias(), inSample.threshold());
    List<String> names = units.stream().map(Unit::name).toList();
    List<Score> loso = Calibration.leaveOneOut(all, names, LAMBDA);
    System.out.println();
    System.out.println("| set | language | queries (+/−) | shipped | in-sample refit | out-of-sample (set left out) |");
    System.out.println("|---|---|---|---|---|---|");
    Map<String, Score[]> byLanguage = new LinkedHashMap<>();
    Score[] triggerTotal = {Score.ZERO, Score.ZERO, Score.ZERO};
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      Score s = Calibration.score(shipped, u.rows());
      Score in = Calibration.score(inSample, u.rows());
      Score out = loso.get(i);
      System.out.printf(Locale.ROOT, "| %s | %s | %d (+%d/−%d) | %s | %s | %s |%n", u.name(), u.language(), s.queries(),
          s.positives(), s.negatives(), cell(s, u.dev()), cell(in, u.dev()), cell(out, u.dev()));
      if (!u.dev()) {
        Score[] l = byLanguage.computeIfAbsent(u.language(), k -> new Score[] {Score.ZERO, Score.ZERO, Score.ZERO});
        l[0] = l[0].plus(s);
        l[1] = l[1].plus(in);
        l[2] = l[2].plus(out);
        triggerTotal[0] = triggerTotal[0].plus(s);
        triggerTotal[1] = triggerTotal[1].plus(in);
        triggerTotal[2] = triggerTotal[2].plus(out);
      }
    }
    System.out.println();
    System.out.println("| trigger-eval sets | sets | queries | shipped | in-sample refit | out-of-sample |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.printf(Locale.ROOT, "| all | %d | %d | %.3f | %.3f | **%.3f** |%n",
        units.stream().filter(u -> !u.dev()).count(), triggerTotal[0].queries(), triggerTotal[0].passRate(),
        triggerTotal[1].passRate(), triggerTotal[2].passRate());
    byLanguage.forEach((lang, l) -> System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | **%.3f** |%n", lang,
        units.stream().filter(u -> !u.dev() && u.language().equals(lang)).count(), l[0].queries(), l[0].passRate(),
        l[1].passRate(), l[2].passRate()));
  }

  private static String cell(Score s, boolean dev) {
    return dev ? String.format(Locale.ROOT, "%.3f / %.2f (pass %.3f)", s.top1Rate(), s.falseTriggerRate(), s.passRate())
        : String.format(Locale.ROOT, "%.3f", s.passRate());
  }

  private static String fmt(double[] w) {
    StringBuilder b = new StringBuilder("[");
    for (double x : w) {
      b.append(b.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", x));
    }
    return b.append(']').toString();
  }

  static List<Unit> units() throws Exception {
    List<Unit> out = new ArrayList<>();
    for (TriggerEvalSets.EvalSet set : TriggerEvalSets.loadAll()) {
      if (set.cases().isEmpty()) {
        System.out.printf("skipped %s: no case names a skill it could load (%d SKILL.md unread)%n", set.folder(),
            set.skipped().size());
        continue;
      }
      out.add(new Unit(set.folder(), set.script(), false, rows(set.folder(), set.skills(), set.cases())));
    }
    for (String d : DEV) {
      List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora", d));
      List<EvalCase> cases = EvalFile.read(Path.of("../shared/eval", d + ".jsonl"), Optional.empty());
      out.add(new Unit(d, "en", true, rows(d, skills, cases)));
    }
    return out;
  }

  static List<Row> rows(String unit, List<Skill> skills, List<EvalCase> cases) throws Exception {
    List<Row> out = new ArrayList<>();
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      Router router = new Router(index);
      for (EvalCase c : cases) {
        RouteExplanation e = router.explain(c.query(), 10);
        List<RouteHit> hits = e.result().hits();
        String top = hits.isEmpty() ? "" : hits.get(0).name();
        Confidence.Features f = e.features();
        double[] x = {f.matched(), f.known(), f.explained(), f.margin(), f.bgKnown(), f.bgExplained(),
            f.rarestMissing()};
        boolean silent = hits.isEmpty() || f.words() == 0;
        out.add(new Row(unit, c.isPositive(), c.isPositive() && c.expected().contains(top),
            !c.isPositive() && !top.isEmpty() && c.scope().map(top::equals).orElse(true), x,
            -Confidence.W_EXCLUDED * f.excluded(), f.evidenceCap(), e.invoked(), silent));
      }
    }
    return out;
  }
}
