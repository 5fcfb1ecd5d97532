package dev.skillsite.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.RouteHit;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.eval.EvalCase;
import dev.skillsite.routing.eval.EvalFile;
import dev.skillsite.routing.eval.EvalReport;
import dev.skillsite.routing.eval.Evaluator;
import dev.skillsite.routing.eval.Ranking;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eval --queries FILE}: scores the router on a query set. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Scores the router on a query set: top-1, top-3 and MRR over the positives (an abstention counts as a"
          + " top-1 miss; top-3 and MRR use the ranking), the false-trigger rate over the negatives, and each miss.",
      "FILE: JSONL {\"query\", \"expected\": name | [names] | null}, or a skill-creator trigger-eval JSON array"
          + " ({\"query\"|\"prompt\", \"should_trigger\"}) about the skill given with --skill."
    })
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--queries", required = true, paramLabel = "FILE", description = "The query set.")
  Path queries;

  @Mixin IndexSource source;

  @Option(names = "--skill", paramLabel = "NAME", description = "The skill a single-skill trigger-eval file is about.")
  Optional<String> skill = Optional.empty();

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--min-top1", paramLabel = "X", description = "Exit with 1 when top-1 is below X (for CI).")
  Optional<Double> minTop1 = Optional.empty();

  @Option(names = "--threshold", paramLabel = "C", description = "Confidence threshold (default: the calibrated one).")
  Optional<Double> threshold = Optional.empty();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<EvalCase> cases;
    try {
      cases = EvalFile.read(queries, skill);
    } catch (IOException e) {
      err.println("skillsite eval: " + e.getMessage());
      return 2;
    }
    try (RoutingIndex index = source.open()) {
      if (skill.isPresent() && !index.hasSkillNamed(skill.get())) {
        err.println("skillsite eval: warning: no skill named '" + skill.get() + "' in the index; every positive will miss");
      }
      Confidence confidence = threshold.map(Confidence.DEFAULT::withThreshold).orElse(Confidence.DEFAULT);
      Router router = new Router(index, confidence);
      EvalReport report =
          Evaluator.evaluate(
              cases,
              q -> {
                RouteResult r = router.route(q, 10);
                return new Ranking(r.hits().stream().map(RouteHit::name).toList(), r.triggered());
              });
      if (json) {
        out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(toJson(report, confidence)));
      } else {
        printText(out, report, confidence);
      }
      out.flush();
      if (minTop1.isPresent() && report.top1() < minTop1.get()) {
        err.printf(Locale.ROOT, "skillsite eval: top-1 %.3f is below --min-top1 %.3f%n", report.top1(), minTop1.get());
        err.flush();
        return 1;
      }
      return 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      err.println("skillsite eval: " + e.getMessage());
      return 2;
    }
  }

  private void printText(PrintWriter out, EvalReport r, Confidence c) {
    out.printf(Locale.ROOT, "%s: %d queries, %d positives, %d negatives (confidence threshold %.2f)%n",
        queries, r.queries(), r.positives(), r.negatives(), c.threshold());
    out.printf(Locale.ROOT, "top-1 %.3f  top-3 %.3f  MRR %.3f  over %d positives%n", r.top1(), r.top3(), r.mrr(),
        r.positives());
    out.printf(Locale.ROOT, "  (an abstention counts as a top-1 miss: %d positives abstained; top-3 and MRR use the"
        + " ranking)%n", r.abstainedPositives());
    out.printf(Locale.ROOT, "false-trigger rate %.3f over %d negatives%n", r.falseTriggerRate(), r.negatives());
    out.printf(Locale.ROOT, "pass rate %.3f%n", r.passRate());
    if (!r.misses().isEmpty()) {
      out.println("misses:");
      for (EvalReport.Miss m : r.misses()) {
        String expected = m.expected().isEmpty() ? "nothing" : String.join(" | ", m.expected());
        String got = m.abstained() ? "no skill (abstained; closest " + m.got() + ")" : m.got();
        out.printf("  expected %s, got %s: %s%n", expected, got, m.query());
      }
    }
  }

  private JsonObject toJson(EvalReport r, Confidence c) {
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
      misses.add(j);
    }
    o.add("misses", misses);
    return o;
  }
}
