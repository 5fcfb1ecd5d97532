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
 * The in-sample and out-of-sample table of BENCHMARKS.md (issue 22): every author-written
 * trigger-eval set (47) and the three development sets of {@code ../shared/eval} are routed once;
 * then the confidence weights and the threshold are fitted (logistic regression, each set weighing
 * the same; the threshold with the best mean pass rate) on all sets but one and scored on that one,
 * for each set in turn. Printed beside it: the shipped constants (in-sample on the development sets
 * they were fitted on) and the same fit on every set (in-sample). Run: {@code java -cp
 * target/classes:target/test-classes:<deps> dev.skillsite.routing.LeaveOneSetOutBench}.
 */
final class LeaveOneSetOutBench {
  static final double LAMBDA = 0.001;
  static final String[] DEV = {"elixir", "anthropic", "large"};

  /**
   * The shipped features, in {@link Confidence}'s order; the candidates of {@link FeatureProbe}
   * follow.
   */
  static final List<String> BASE =
      List.of("matched", "known", "explained", "margin", "bgKnown", "bgExplained", "rarestMissing");

  /** One set: its rows and its language. */
  record Unit(
      String name, String language, boolean dev, List<Row> rows, Map<String, List<Row>> variants) {
    Unit(String name, String language, boolean dev, List<Row> rows) {
      this(name, language, dev, rows, Map.of());
    }
  }

  /**
   * Variants of the shipped features' computation, measured beside it ({@link FeatureProbe.Knobs}).
   */
  static final Map<String, FeatureProbe.Knobs> VARIANTS =
      Map.of(
          "shipped-recomputed",
          FeatureProbe.Knobs.SHIPPED,
          "collection-idf-for-unseen",
          new FeatureProbe.Knobs(true));

  public static void main(String[] args) throws Exception {
    List<Unit> loaded = units();
    if (args.length > 0 && args[0].equals("breakdown")) {
      breakdown(project(loaded, BASE));
      return;
    }
    if (args.length > 0 && args[0].equals("ceiling")) {
      ceiling(project(loaded, BASE));
      return;
    }
    if (args.length > 0 && args[0].equals("perlang")) {
      perLanguage(project(loaded, BASE));
      return;
    }
    if (args.length > 0 && args[0].equals("experiments")) {
      experiments(loaded, List.of(args).subList(1, args.length));
      return;
    }
    List<Unit> units = project(loaded, BASE);
    List<Row> all = units.stream().flatMap(u -> u.rows().stream()).toList();
    Model shipped =
        new Model(
            new double[] {
              Confidence.W_MATCHED,
              Confidence.W_KNOWN,
              Confidence.W_EXPLAINED,
              Confidence.W_MARGIN,
              Confidence.W_BG_KNOWN,
              Confidence.W_BG_EXPLAINED,
              Confidence.W_RAREST_MISSING
            },
            Confidence.BIAS,
            Confidence.DEFAULT.threshold());
    Model inSample = Calibration.fitModel(all, LAMBDA);
    System.out.printf(
        Locale.ROOT,
        "fitted on every set: w = %s, bias %.2f, threshold %.2f%n",
        fmt(inSample.w()),
        inSample.bias(),
        inSample.threshold());
    List<String> names = units.stream().map(Unit::name).toList();
    List<Score> loso = Calibration.leaveOneOut(all, names, LAMBDA);
    List<Score> losoPooled = Calibration.leaveOneOut(all, names, LAMBDA, true);
    System.out.println();
    System.out.println(
        "| set | language | queries (+/−) | shipped | in-sample refit | out-of-sample (set left out)"
            + " | out-of-sample, pooled threshold |");
    System.out.println("|---|---|---|---|---|---|---|");
    Map<String, Score[]> byLanguage = new LinkedHashMap<>();
    Score[] triggerTotal = {Score.ZERO, Score.ZERO, Score.ZERO, Score.ZERO};
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      Score s = Calibration.score(shipped, u.rows());
      Score in = Calibration.score(inSample, u.rows());
      Score out = loso.get(i);
      Score pooled = losoPooled.get(i);
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %d (+%d/−%d) | %s | %s | %s | %s |%n",
          u.name(),
          u.language(),
          s.queries(),
          s.positives(),
          s.negatives(),
          cell(s, u.dev()),
          cell(in, u.dev()),
          cell(out, u.dev()),
          cell(pooled, u.dev()));
      if (!u.dev()) {
        Score[] l =
            byLanguage.computeIfAbsent(
                u.language(), k -> new Score[] {Score.ZERO, Score.ZERO, Score.ZERO, Score.ZERO});
        Score[] row = {s, in, out, pooled};
        for (int j = 0; j < row.length; j++) {
          l[j] = l[j].plus(row[j]);
          triggerTotal[j] = triggerTotal[j].plus(row[j]);
        }
      }
    }
    System.out.println();
    System.out.println(
        "| trigger-eval sets | sets | queries | shipped | in-sample refit | out-of-sample |"
            + " out-of-sample, pooled threshold |");
    System.out.println("|---|---|---|---|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| all | %d | %d | %.3f | %.3f | **%.3f** | %.3f |%n",
        units.stream().filter(u -> !u.dev()).count(),
        triggerTotal[0].queries(),
        triggerTotal[0].passRate(),
        triggerTotal[1].passRate(),
        triggerTotal[2].passRate(),
        triggerTotal[3].passRate());
    byLanguage.forEach(
        (lang, l) ->
            System.out.printf(
                Locale.ROOT,
                "| %s | %d | %d | %.3f | %.3f | **%.3f** | %.3f |%n",
                lang,
                units.stream().filter(u -> !u.dev() && u.language().equals(lang)).count(),
                l[0].queries(),
                l[0].passRate(),
                l[1].passRate(),
                l[2].passRate(),
                l[3].passRate()));
  }

  /**
   * Where the shipped model fails: positives ranked wrong, positives abstained on, negatives fired.
   */
  static void breakdown(List<Unit> units) {
    Model shipped = shipped();
    int wrong = 0;
    int abstained = 0;
    int fired = 0;
    for (Unit u : units) {
      if (u.dev()) {
        continue;
      }
      for (Row r : u.rows()) {
        if (shipped.passes(r)) {
          continue;
        }
        String kind = r.positive() ? (r.rankedRight() ? "ABSTAINED" : "RANKED-WRONG") : "FIRED";
        wrong += kind.equals("RANKED-WRONG") ? 1 : 0;
        abstained += kind.equals("ABSTAINED") ? 1 : 0;
        fired += kind.equals("FIRED") ? 1 : 0;
        System.out.printf(
            Locale.ROOT,
            "%s\t%s\t%s\tconf %.2f cap %.2f x %s\t%s%n",
            kind,
            u.name(),
            u.language(),
            shipped.confidence(r),
            r.cap(),
            fmt(r.x()),
            r.query().replace('\n', ' ').substring(0, Math.min(140, r.query().length())));
      }
    }
    System.out.printf("ranked wrong %d, abstained %d, fired %d%n", wrong, abstained, fired);
  }

  /**
   * Per-language calibration, each set scored by a fit without it: (a) the weights fitted on every
   * other set and the threshold on the other sets of the scored set's language (every other set
   * when it is the only one of its language); (b) a bias per language (an indicator feature per
   * non-English language, fitted with the weights on every other set).
   */
  static void perLanguage(List<Unit> units) {
    List<String> langs =
        units.stream().map(Unit::language).filter(l -> !l.equals("en")).distinct().toList();
    Map<String, Score> thr = new LinkedHashMap<>();
    Map<String, Score> bias = new LinkedHashMap<>();
    Map<String, Score> base = new LinkedHashMap<>();
    List<Unit> withBias = new ArrayList<>();
    for (Unit u : units) {
      List<Row> rows = new ArrayList<>();
      for (Row r : u.rows()) {
        double[] x = java.util.Arrays.copyOf(r.x(), r.x().length + langs.size());
        int li = langs.indexOf(u.language());
        if (li >= 0) {
          x[r.x().length + li] = 1;
        }
        rows.add(
            new Row(
                r.unit(),
                r.query(),
                r.positive(),
                r.rankedRight(),
                r.firingFails(),
                x,
                r.offset(),
                r.cap(),
                r.invoked(),
                r.silent()));
      }
      withBias.add(new Unit(u.name(), u.language(), u.dev(), rows));
    }
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      if (u.dev()) {
        continue;
      }
      List<Row> train = units.stream().filter(o -> o != u).flatMap(o -> o.rows().stream()).toList();
      Model m = Calibration.fitModel(train, LAMBDA);
      List<Row> same =
          units.stream()
              .filter(o -> o != u && !o.dev() && o.language().equals(u.language()))
              .flatMap(o -> o.rows().stream())
              .toList();
      Model ml = same.isEmpty() ? m : m.withThreshold(Calibration.bestThreshold(m, same));
      Unit ub = withBias.get(i);
      List<Row> trainB =
          withBias.stream().filter(o -> o != ub).flatMap(o -> o.rows().stream()).toList();
      Model mb = Calibration.fitModel(trainB, LAMBDA);
      Score s0 = Calibration.score(m, u.rows());
      Score s1 = Calibration.score(ml, u.rows());
      Score s2 = Calibration.score(mb, ub.rows());
      System.out.printf(
          Locale.ROOT,
          "%-50s %s global %.3f (t %.2f) | own-language threshold %.3f (t %.2f) | language bias %.3f%n",
          u.name(),
          u.language(),
          s0.passRate(),
          m.threshold(),
          s1.passRate(),
          ml.threshold(),
          s2.passRate());
      for (String k : List.of("all", u.language())) {
        base.merge(k, s0, Score::plus);
        thr.merge(k, s1, Score::plus);
        bias.merge(k, s2, Score::plus);
      }
    }
    base.forEach(
        (k, s) ->
            System.out.printf(
                Locale.ROOT,
                "%s: global %.3f | own-language threshold %.3f | language bias %.3f%n",
                k,
                s.passRate(),
                thr.get(k).passRate(),
                bias.get(k).passRate()));
  }

  /** The units with only the named feature columns. */
  static List<Unit> project(List<Unit> units, List<String> columns) {
    List<String> names = new ArrayList<>(BASE);
    names.addAll(FeatureProbe.NAMES);
    int[] idx = columns.stream().mapToInt(names::indexOf).toArray();
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0) {
        throw new IllegalArgumentException("no feature " + columns.get(i));
      }
    }
    List<Unit> out = new ArrayList<>();
    for (Unit u : units) {
      List<Row> rows = new ArrayList<>();
      for (Row r : u.rows()) {
        double[] x = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
          x[i] = r.x()[idx[i]];
        }
        rows.add(
            new Row(
                r.unit(),
                r.query(),
                r.positive(),
                r.rankedRight(),
                r.firingFails(),
                x,
                r.offset(),
                r.cap(),
                r.invoked(),
                r.silent()));
      }
      out.add(new Unit(u.name(), u.language(), u.dev(), rows, u.variants()));
    }
    return out;
  }

  /**
   * For each variant (the shipped features plus one candidate, or a comma-separated list given as
   * an argument): the out-of-sample pass rate of all trigger-eval sets and per language, and the
   * development sets' top-1 / false-trigger rate, each set scored by a fit without it.
   */
  static void experiments(List<Unit> units, List<String> variants) {
    for (String v : VARIANTS.keySet()) {
      List<Unit> us =
          units.stream()
              .map(u -> new Unit(u.name(), u.language(), u.dev(), u.variants().get(v)))
              .toList();
      report("variant " + v, us);
    }
    List<List<String>> vs = new ArrayList<>();
    vs.add(BASE);
    if (variants.isEmpty()) {
      for (String n : FeatureProbe.NAMES) {
        List<String> v = new ArrayList<>(BASE);
        v.add(n);
        vs.add(v);
      }
    } else {
      for (String v : variants) {
        vs.add(List.of(v.split(",")));
      }
    }
    for (List<String> v : vs) {
      String label =
          v.equals(BASE)
              ? "base"
              : String.join(
                  ",",
                  v.subList(
                      BASE.equals(v.subList(0, Math.min(v.size(), BASE.size()))) ? BASE.size() : 0,
                      v.size()));
      report(label, project(units, v));
    }
  }

  /** One line: the shipped model's and the leave-one-out figures of the units' rows. */
  static void report(String label, List<Unit> us) {
    {
      List<Row> all = us.stream().flatMap(u -> u.rows().stream()).toList();
      List<Score> loso = Calibration.leaveOneOut(all, us.stream().map(Unit::name).toList(), LAMBDA);
      Model in = Calibration.fitModel(all, LAMBDA);
      Map<String, Score> lang = new LinkedHashMap<>();
      Score shippedTrig = Score.ZERO;
      Score trig = Score.ZERO;
      Score trigIn = Score.ZERO;
      StringBuilder dev = new StringBuilder();
      for (int i = 0; i < us.size(); i++) {
        Unit u = us.get(i);
        if (u.dev()) {
          dev.append(
              String.format(
                  Locale.ROOT,
                  " %s %.3f/%.2f",
                  u.name(),
                  loso.get(i).top1Rate(),
                  loso.get(i).falseTriggerRate()));
          continue;
        }
        trig = trig.plus(loso.get(i));
        if (u.rows().get(0).x().length == BASE.size()) {
          shippedTrig = shippedTrig.plus(Calibration.score(shipped(), u.rows()));
        }
        trigIn = trigIn.plus(Calibration.score(in, u.rows()));
        lang.merge(u.language(), loso.get(i), Score::plus);
      }
      StringBuilder l = new StringBuilder();
      lang.forEach((k, sc) -> l.append(String.format(Locale.ROOT, " %s %.3f", k, sc.passRate())));
      System.out.printf(
          Locale.ROOT,
          "%-40s OOS %.3f (in %.3f; shipped weights %.3f) |%s |%s%n",
          label,
          trig.passRate(),
          trigIn.passRate(),
          shippedTrig.passRate(),
          l,
          dev);
    }
  }

  /**
   * What the shipped z could reach with each set's own best threshold (an upper bound no default
   * can reach), and with a perfect decision (every positive ranked right fires, no negative fires).
   */
  static void ceiling(List<Unit> units) {
    Model shipped = shipped();
    Score own = Score.ZERO;
    Score ship = Score.ZERO;
    int perfect = 0;
    int queries = 0;
    for (Unit u : units) {
      if (u.dev()) {
        continue;
      }
      double t = Calibration.bestThreshold(shipped, u.rows());
      own = own.plus(Calibration.score(shipped.withThreshold(t), u.rows()));
      ship = ship.plus(Calibration.score(shipped, u.rows()));
      for (Row r : u.rows()) {
        queries++;
        perfect += r.positive() ? (r.rankedRight() ? 1 : 0) : 1;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "shipped %.3f; each set's own best threshold %.3f; perfect decision %.3f%n",
        ship.passRate(),
        own.passRate(),
        (double) perfect / queries);
  }

  static Model shipped() {
    return new Model(
        new double[] {
          Confidence.W_MATCHED,
          Confidence.W_KNOWN,
          Confidence.W_EXPLAINED,
          Confidence.W_MARGIN,
          Confidence.W_BG_KNOWN,
          Confidence.W_BG_EXPLAINED,
          Confidence.W_RAREST_MISSING
        },
        Confidence.BIAS,
        Confidence.DEFAULT.threshold());
  }

  private static String cell(Score s, boolean dev) {
    return dev
        ? String.format(
            Locale.ROOT,
            "%.3f / %.2f (pass %.3f)",
            s.top1Rate(),
            s.falseTriggerRate(),
            s.passRate())
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
        System.out.printf(
            "skipped %s: no case names a skill it could load (%d SKILL.md unread)%n",
            set.folder(), set.skipped().size());
        continue;
      }
      out.add(unit(set.folder(), set.script(), false, set.skills(), set.cases()));
    }
    for (String d : DEV) {
      List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora", d));
      List<EvalCase> cases =
          EvalFile.read(Path.of("../shared/eval", d + ".jsonl"), Optional.empty());
      out.add(unit(d, "en", true, skills, cases));
    }
    return out;
  }

  static Unit unit(
      String unit, String language, boolean dev, List<Skill> skills, List<EvalCase> cases)
      throws Exception {
    List<Row> out = new ArrayList<>();
    Map<String, List<Row>> variants = new LinkedHashMap<>();
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      Router router = new Router(index);
      FeatureProbe probe = new FeatureProbe(index);
      for (EvalCase c : cases) {
        RouteExplanation e = router.explain(c.query(), 10);
        List<RouteHit> hits = e.result().hits();
        String top = hits.isEmpty() ? "" : hits.get(0).name();
        Confidence.Features f = e.features();
        Map<String, Double> extra = probe.features(c.query(), f);
        double[] x = new double[BASE.size() + FeatureProbe.NAMES.size()];
        double[] base = {
          f.matched(),
          f.known(),
          f.explained(),
          f.margin(),
          f.bgKnown(),
          f.bgExplained(),
          f.rarestMissing()
        };
        System.arraycopy(base, 0, x, 0, base.length);
        for (int i = 0; i < FeatureProbe.NAMES.size(); i++) {
          x[BASE.size() + i] = extra.get(FeatureProbe.NAMES.get(i));
        }
        boolean silent = hits.isEmpty() || f.words() == 0;
        out.add(
            new Row(
                unit,
                c.query(),
                c.isPositive(),
                c.isPositive() && c.expected().contains(top),
                !c.isPositive() && !top.isEmpty() && c.scope().map(top::equals).orElse(true),
                x,
                -Confidence.W_EXCLUDED * f.excluded(),
                f.evidenceCap(),
                e.invoked(),
                silent));
        for (var v :
            Boolean.getBoolean("skillsite.bench.noVariants")
                ? Map.<String, FeatureProbe.Knobs>of().entrySet()
                : VARIANTS.entrySet()) {
          Confidence.Features g = probe.shippedLike(c.query(), v.getValue());
          double[] y = {
            g.matched(),
            g.known(),
            g.explained(),
            g.margin(),
            g.bgKnown(),
            g.bgExplained(),
            g.rarestMissing()
          };
          Row last = out.get(out.size() - 1);
          variants
              .computeIfAbsent(v.getKey(), k -> new ArrayList<>())
              .add(
                  new Row(
                      unit,
                      c.query(),
                      last.positive(),
                      last.rankedRight(),
                      last.firingFails(),
                      y,
                      -Confidence.W_EXCLUDED * g.excluded(),
                      g.evidenceCap(),
                      last.invoked(),
                      last.silent() || g.words() == 0));
        }
      }
    }
    return new Unit(unit, language, dev, out, variants);
  }
}
