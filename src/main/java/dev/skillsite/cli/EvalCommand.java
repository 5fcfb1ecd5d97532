package dev.skillsite.cli;

import static dev.skillsite.build.BuildResult.count;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.RouteHit;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.SolrSource;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.routing.eval.EvalReport;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eval --queries FILE}: scores the router on a query set. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Scores the router on a query set: top-1, top-3 and MRR over the positives (an abstention counts as a"
          + " top-1 miss; top-3 and MRR use the ranking), the false-trigger rate over the negatives, and each miss.",
      "FILE: JSONL or a JSON array of cases ({\"query\"|\"prompt\"|\"q\"|\"input\", with \"expected\" |"
          + " \"expected_skill\" | \"expect_skill\": name | [names] | null | \"none\" | \"trigger\" | \"skip\", or"
          + " \"should_trigger\" | \"shouldTrigger\" | \"should\" | \"expected_trigger\": true | false | name), an"
          + " object holding such a list (evals, queries, cases, …; skill_name says the skill), should_trigger /"
          + " should_not_trigger lists, or a Markdown trigger-test page. --skill names the skill where the file does"
          + " not. Cases expecting a skill the collection does not hold are listed, not scored."
    })
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--queries",
      paramLabel = "FILE",
      description = "A query set (repeat for several files).")
  List<Path> queries = new ArrayList<>();

  @Option(
      names = "--positives",
      paramLabel = "FILE",
      description =
          "Queries that should all fire --skill, one a"
              + " line or a JSON array (repeatable): for sets that keep positives and negatives in separate files.")
  List<Path> positives = new ArrayList<>();

  @Option(
      names = "--negatives",
      paramLabel = "FILE",
      description =
          "Queries that should fire nothing (or not"
              + " --skill, if given), one a line or a JSON array (repeatable).")
  List<Path> negatives = new ArrayList<>();

  @Mixin IndexSource source;

  @Option(
      names = "--skill",
      paramLabel = "NAME",
      description = "The skill a single-skill trigger-eval file is about.")
  Optional<String> skill = Optional.empty();

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(
      names = "--min-top1",
      paramLabel = "X",
      description = "Exit with 1 when top-1 is below X (for CI).")
  Optional<Double> minTop1 = Optional.empty();

  @Mixin ThresholdOption threshold;

  @Option(
      names = "--sweep",
      description =
          "Also score every threshold from 0.05 to 0.95 (step 0.05): top-1,"
              + " false-trigger rate and pass rate of each, to choose a collection's routing.threshold.")
  boolean sweep;

  /** The thresholds {@code --sweep} tries. */
  static final List<Double> SWEEP = IntStream.rangeClosed(1, 19).mapToObj(i -> i / 20.0).toList();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (queries.isEmpty() && positives.isEmpty() && negatives.isEmpty()) {
      err.println(
          "skillsite eval: give the queries: --queries FILE (or --positives FILE / --negatives FILE)");
      return 2;
    }
    List<EvalCase> all = new ArrayList<>();
    try {
      for (Path q : queries) {
        all.addAll(EvalFile.read(q, skill));
      }
      for (Path q : positives) {
        all.addAll(EvalFile.readPlain(q, true, skill));
      }
      for (Path q : negatives) {
        all.addAll(EvalFile.readPlain(q, false, skill));
      }
    } catch (IOException e) {
      err.println("skillsite eval: " + IoErrors.describe(e));
      return 2;
    }
    try {
      if (source.isSolr()) {
        SolrSource solr = source.openSolr();
        return report(
            out,
            err,
            all,
            c -> new Router(solr, c),
            threshold.of(solr),
            name -> solr.docNamed(name).isPresent());
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return IoErrors.fail(err, "eval", e);
    }
    try (RoutingIndex index = source.open()) {
      return report(
          out, err, all, c -> new Router(index, c), threshold.of(index), index::hasSkillNamed);
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return IoErrors.fail(err, "eval", e);
    }
  }

  /** Scores the routers {@code routers} makes (one per threshold) and prints the report. */
  private int report(
      PrintWriter out,
      PrintWriter err,
      List<EvalCase> all,
      Function<Confidence, Router> routers,
      Confidence confidence,
      Predicate<String> hasSkillNamed) {
    Evaluator.Split split = Evaluator.split(all, hasSkillNamed);
    List<EvalCase> cases = split.scored();
    if (!split.unknown().isEmpty()) {
      err.printf(
          Locale.ROOT,
          "skillsite eval: warning: %s expect a skill the collection does not hold (%s):"
              + " listed, not scored%n",
          count(split.unknown().size(), "case"),
          String.join(", ", unknownNames(split)));
      err.flush();
    }
    if (cases.isEmpty()) {
      err.println("skillsite eval: no case names a skill of this collection: nothing to score");
      return 2;
    }
    EvalReport report = evaluate(cases, routers.apply(confidence));
    Map<Double, EvalReport> swept = new LinkedHashMap<>();
    if (sweep) {
      for (double t : SWEEP) {
        swept.put(t, evaluate(cases, routers.apply(Confidence.DEFAULT.withThreshold(t))));
      }
    }
    Map<EvalReport.Miss, List<String>> unused = unusedWords(report, routers.apply(confidence));
    if (json) {
      JsonObject o = toJson(report, confidence, unused);
      o.add("not_scored", notScoredJson(split.unknown()));
      if (sweep) {
        o.add("sweep", sweepJson(swept));
      }
      out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(o));
    } else {
      printText(out, report, confidence, unused);
      printNotScored(out, split.unknown());
      if (sweep) {
        printSweep(out, swept, confidence.threshold());
      }
    }
    out.flush();
    if (minTop1.isPresent() && report.top1() < minTop1.get()) {
      err.printf(
          Locale.ROOT,
          "skillsite eval: top-1 %.3f is below --min-top1 %.3f%n",
          report.top1(),
          minTop1.get());
      err.flush();
      return 1;
    }
    return 0;
  }

  /** The skill names the unscored cases expect, in first-seen order. */
  private static List<String> unknownNames(Evaluator.Split split) {
    Set<String> names = new LinkedHashSet<>();
    for (EvalCase c : split.unknown()) {
      names.addAll(c.isPositive() ? c.expected() : c.scope().stream().toList());
    }
    return names.stream().map(n -> "'" + n + "'").toList();
  }

  private static void printNotScored(PrintWriter out, List<EvalCase> unknown) {
    if (unknown.isEmpty()) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "not scored (%s expect a skill not in the collection):%n",
        count(unknown.size(), "case"));
    for (EvalCase c : unknown) {
      out.printf(
          "  %s %s: %s%n",
          c.isPositive() ? "expected" : "not",
          c.isPositive() ? String.join(" | ", c.expected()) : c.scope().orElse(""),
          c.query());
    }
  }

  private static JsonArray notScoredJson(List<EvalCase> unknown) {
    JsonArray a = new JsonArray();
    for (EvalCase c : unknown) {
      JsonObject j = new JsonObject();
      j.addProperty("query", c.query());
      JsonArray exp = new JsonArray();
      c.expected().forEach(exp::add);
      j.add("expected", exp);
      c.scope().ifPresent(s -> j.addProperty("not", s));
      a.add(j);
    }
    return a;
  }

  /** How many of a false trigger's unused words {@code eval} names. */
  static final int UNUSED_WORDS = 3;

  /**
   * For each negative that fired a skill: the query's most specific words that skill does not use,
   * which a "Not for …" clause in its description could name ({@link Router#unusedWords}).
   */
  private static Map<EvalReport.Miss, List<String>> unusedWords(EvalReport r, Router router) {
    Map<EvalReport.Miss, List<String>> out = new LinkedHashMap<>();
    for (EvalReport.Miss m : r.misses()) {
      if (m.expected().isEmpty() && !m.abstained() && !m.got().isEmpty()) {
        out.put(m, router.unusedWords(m.query(), m.got(), UNUSED_WORDS));
      }
    }
    return out;
  }

  private static EvalReport evaluate(List<EvalCase> cases, Router router) {
    return Evaluator.evaluate(
        cases,
        q -> {
          RouteResult r = router.route(q, 10);
          return new Ranking(r.hits().stream().map(RouteHit::name).toList(), r.triggered());
        });
  }

  /**
   * The threshold with the highest pass rate (positives routed first and fired, negatives left
   * alone); of equal ones, the closest to {@code current}.
   */
  static double best(Map<Double, EvalReport> swept, double current) {
    return swept.entrySet().stream()
        .max(
            Comparator.comparingDouble((Map.Entry<Double, EvalReport> e) -> e.getValue().passRate())
                .thenComparingDouble(e -> -Math.abs(e.getKey() - current)))
        .map(Map.Entry::getKey)
        .orElse(current);
  }

  private static void printSweep(PrintWriter out, Map<Double, EvalReport> swept, double current) {
    double best = best(swept, current);
    out.println("threshold  top-1  false-trigger  pass");
    swept.forEach(
        (t, r) ->
            out.printf(
                Locale.ROOT,
                "  %.2f     %.3f  %.3f          %.3f%s%n",
                t,
                r.top1(),
                r.falseTriggerRate(),
                r.passRate(),
                t == best ? "  <- highest pass rate" : ""));
    if (best == current) {
      out.printf(
          Locale.ROOT,
          "the threshold in use, %.2f, has the highest pass rate on this set%n",
          current);
    } else {
      out.printf(
          Locale.ROOT,
          "to use %.2f for this collection, put in skillsite.yaml:  routing: {threshold: %.2f}%n",
          best,
          best);
    }
  }

  private static JsonArray sweepJson(Map<Double, EvalReport> swept) {
    JsonArray a = new JsonArray();
    swept.forEach(
        (t, r) -> {
          JsonObject j = new JsonObject();
          j.addProperty("threshold", t);
          j.addProperty("top1", r.top1());
          j.addProperty("false_trigger_rate", r.falseTriggerRate());
          j.addProperty("pass_rate", r.passRate());
          a.add(j);
        });
    return a;
  }

  private void printText(
      PrintWriter out, EvalReport r, Confidence c, Map<EvalReport.Miss, List<String>> unused) {
    out.printf(
        Locale.ROOT,
        "%s: %s, %s, %s (confidence threshold %.2f)%n",
        sources(),
        count(r.queries(), "query", "queries"),
        count(r.positives(), "positive"),
        count(r.negatives(), "negative"),
        c.threshold());
    out.printf(
        Locale.ROOT,
        "top-1 %.3f  top-3 %.3f  MRR %.3f  over %s%n",
        r.top1(),
        r.top3(),
        r.mrr(),
        count(r.positives(), "positive"));
    out.printf(
        Locale.ROOT,
        "  (an abstention counts as a top-1 miss: %s abstained; top-3 and MRR use the"
            + " ranking)%n",
        count(r.abstainedPositives(), "positive"));
    out.printf(
        Locale.ROOT,
        "false-trigger rate %.3f over %s%n",
        r.falseTriggerRate(),
        count(r.negatives(), "negative"));
    out.printf(Locale.ROOT, "pass rate %.3f%n", r.passRate());
    List<EvalReport.Confusion> confusions = r.confusions();
    if (confusions.stream().anyMatch(x -> x.count() > 1)) {
      out.println("where the misses went (most frequent first):");
      confusions.stream()
          .filter(x -> x.count() > 1)
          .limit(10)
          .forEach(
              x ->
                  out.printf(
                      Locale.ROOT,
                      "  %d× %s → %s%n",
                      x.count(),
                      x.expected().isEmpty() ? "nothing" : String.join(" | ", x.expected()),
                      x.got().isEmpty() ? "no skill (abstained)" : x.got()));
    }
    if (!r.misses().isEmpty()) {
      out.println("misses:");
      for (EvalReport.Miss m : r.misses()) {
        String expected = m.expected().isEmpty() ? "nothing" : String.join(" | ", m.expected());
        String got = m.abstained() ? "no skill (abstained; closest " + m.got() + ")" : m.got();
        out.printf("  expected %s, got %s: %s%n", expected, got, m.query());
        List<String> words = unused.getOrDefault(m, List.of());
        if (!words.isEmpty()) {
          out.printf(
              "    words %s does not use: %s (a \"Not for\" clause naming them would count against it)%n",
              m.got(), words.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(", ")));
        }
      }
    }
  }

  private String sources() {
    List<String> s = new ArrayList<>();
    queries.forEach(q -> s.add(q.toString()));
    positives.forEach(q -> s.add(q + " (positives)"));
    negatives.forEach(q -> s.add(q + " (negatives)"));
    return String.join(", ", s);
  }

  private JsonObject toJson(EvalReport r, Confidence c, Map<EvalReport.Miss, List<String>> unused) {
    JsonObject o = new JsonObject();
    o.addProperty("queries", r.queries());
    o.addProperty("positives", r.positives());
    o.addProperty("negatives", r.negatives());
    o.addProperty("top1", r.top1());
    o.addProperty("top3", r.top3());
    o.addProperty("mrr", r.mrr());
    o.addProperty("false_trigger_rate", r.falseTriggerRate());
    o.addProperty("abstained_positives", r.abstainedPositives());
    o.addProperty("pass_rate", r.passRate());
    o.addProperty("threshold", c.threshold());
    o.addProperty("abstention_counts_as_top1_miss", true);
    JsonArray misses = new JsonArray();
    for (EvalReport.Miss m : r.misses()) {
      JsonObject j = new JsonObject();
      j.addProperty("query", m.query());
      JsonArray exp = new JsonArray();
      m.expected().forEach(exp::add);
      j.add("expected", exp);
      j.addProperty("got", m.got());
      j.addProperty("abstained", m.abstained());
      if (unused.containsKey(m)) {
        JsonArray words = new JsonArray();
        unused.get(m).forEach(words::add);
        j.add("unused_words", words);
      }
      misses.add(j);
    }
    o.add("misses", misses);
    JsonArray confusions = new JsonArray();
    for (EvalReport.Confusion x : r.confusions()) {
      JsonObject j = new JsonObject();
      JsonArray exp = new JsonArray();
      x.expected().forEach(exp::add);
      j.add("expected", exp);
      j.addProperty("got", x.got().isEmpty() ? null : x.got());
      j.addProperty("count", x.count());
      confusions.add(j);
    }
    o.add("confusions", confusions);
    return o;
  }
}
