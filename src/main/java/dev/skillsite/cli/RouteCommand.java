package dev.skillsite.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.RouteExplanation;
import dev.skillsite.routing.RouteHit;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.SolrSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code route "PHRASE"}: which skill should fire for what a user typed, and why. */
@Command(
    name = "route",
    mixinStandardHelpOptions = true,
    description = "Ranks the skills that should trigger for a phrase; abstains when none fits.")
public final class RouteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "PHRASE",
      description = "What the user types (words are joined).")
  List<String> phrase;

  @Mixin IndexSource source;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "5",
      description = "How many skills to list (default 5).")
  int top;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(
      names = "--explain",
      description = "Say why: per-field contributions, matched terms, confidence.")
  boolean explain;

  @Mixin ThresholdOption threshold;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (top < 1) {
      err.println("skillsite route: --top must be at least 1");
      return 2;
    }
    String query = String.join(" ", phrase);
    try {
      if (source.isSolr()) {
        SolrSource solr = source.openSolr();
        print(out, new Router(solr, threshold.of(solr)).explain(query, top));
        return 0;
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return IoErrors.fail(err, "route", e);
    }
    try (RoutingIndex index = source.open()) {
      print(out, new Router(index, threshold.of(index)).explain(query, top));
      return 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return IoErrors.fail(err, "route", e);
    }
  }

  private void print(PrintWriter out, RouteExplanation ex) {
    if (json) {
      out.println(new GsonBuilder().disableHtmlEscaping().create().toJson(toJson(ex)));
    } else {
      printText(out, ex);
    }
    out.flush();
  }

  private void printText(PrintWriter out, RouteExplanation ex) {
    RouteResult r = ex.result();
    double conf = r.hits().isEmpty() ? 0 : r.hits().get(0).confidence();
    if (r.abstained()) {
      out.printf(Locale.ROOT, "no skill matches (confidence %.2f < %.2f)%n", conf, ex.threshold());
      printNotFor(out, ex);
      if (!r.hits().isEmpty()) {
        out.println("closest:");
      }
    } else if (ex.invoked()) {
      out.println("called by name: " + r.hits().get(0).name() + " fires");
    } else if (r.ambiguous()) {
      out.printf(
          Locale.ROOT,
          "ambiguous: the top two skills are within %.0f%% of each other%n",
          Confidence.AMBIGUOUS_MARGIN * 100);
    }
    if (!r.abstained()) {
      printNotFor(out, ex);
    }
    for (int i = 0; i < r.hits().size(); i++) {
      RouteHit h = r.hits().get(i);
      out.printf(
          Locale.ROOT,
          "%d. %s  score %.2f  confidence %.2f  %s%s%n",
          i + 1,
          h.name(),
          h.score(),
          h.confidence(),
          h.field(),
          h.matched().isEmpty() ? "" : ": \"" + h.matched() + "\"");
      if (explain && i < ex.contributions().size() && !ex.contributions().get(i).isEmpty()) {
        Map<String, Double> c = ex.contributions().get(i);
        StringBuilder sb = new StringBuilder("     fields:");
        c.entrySet().stream()
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(
                e -> sb.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), e.getValue())));
        out.println(sb);
      }
    }
    if (explain) {
      Confidence.Features f = ex.features();
      if (ex.invoked()) {
        out.printf(
            Locale.ROOT,
            "confidence 1.00: the query calls %s by name (a leading /command or \"NAME skill\"); "
                + "from its words alone it would be %.2f%n",
            r.hits().get(0).name(),
            ex.wordConfidence());
      }
      out.printf(
          Locale.ROOT,
          "%sconfidence %.2f vs threshold %.2f: matched %.2f (share of the %d query words in the top skill), "
              + "known %.2f, explained %.2f, margin %.2f, background known %.2f, background explained %.2f, "
              + "rarest missing %.2f, excluded %.2f (its \"Not for\" clauses); z = %.2f; evidence %.2f (%s)%n",
          ex.invoked() ? "word " : "",
          ex.wordConfidence(),
          ex.threshold(),
          f.matched(),
          f.words(),
          f.known(),
          f.explained(),
          f.margin(),
          f.bgKnown(),
          f.bgExplained(),
          f.rarestMissing(),
          f.excluded(),
          f.z(),
          f.evidence(),
          f.evidence() >= Confidence.MIN_EVIDENCE
              ? "enough specific words"
              : String.format(
                  Locale.ROOT,
                  "too few specific words, under %.2f: confidence at most %.2f",
                  Confidence.MIN_EVIDENCE,
                  f.evidenceCap()));
      out.println("query words: " + String.join(" ", ex.queryWords()));
    }
  }

  /**
   * The top skill's "Not for" clauses that the request ran into, the reason it abstained or nearly
   * did.
   */
  private static void printNotFor(PrintWriter out, RouteExplanation ex) {
    if (!ex.notFor().isEmpty()) {
      out.printf(
          "%s says: %s%s%n",
          ex.result().hits().get(0).name(),
          ex.notFor().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(" ")),
          ex.result().abstained() ? "" : " (this counted against it)");
    }
  }

  private JsonObject toJson(RouteExplanation ex) {
    RouteResult r = ex.result();
    JsonObject o = new JsonObject();
    o.addProperty("query", r.query());
    o.addProperty("abstained", r.abstained());
    o.addProperty("ambiguous", r.ambiguous());
    o.addProperty("invoked", ex.invoked());
    o.addProperty("threshold", ex.threshold());
    JsonArray results = new JsonArray();
    for (int i = 0; i < r.hits().size(); i++) {
      RouteHit h = r.hits().get(i);
      JsonObject j = new JsonObject();
      j.addProperty("id", h.id().value());
      j.addProperty("name", h.name());
      j.addProperty("score", round(h.score()));
      j.addProperty("confidence", round(h.confidence()));
      j.addProperty("field", h.field());
      j.addProperty("matched", h.matched());
      if (explain && i < ex.contributions().size() && !ex.contributions().get(i).isEmpty()) {
        JsonObject fields = new JsonObject();
        ex.contributions().get(i).forEach((k, v) -> fields.addProperty(k, round(v)));
        j.add("fields", fields);
      }
      results.add(j);
    }
    o.add("results", results);
    JsonArray notFor = new JsonArray();
    ex.notFor().forEach(notFor::add);
    o.add("not_for", notFor);
    if (explain) {
      Confidence.Features f = ex.features();
      JsonObject e = new JsonObject();
      e.addProperty("matched", round(f.matched()));
      e.addProperty("known", round(f.known()));
      e.addProperty("explained", round(f.explained()));
      e.addProperty("margin", round(f.margin()));
      e.addProperty("background_known", round(f.bgKnown()));
      e.addProperty("background_explained", round(f.bgExplained()));
      e.addProperty("rarest_missing", round(f.rarestMissing()));
      e.addProperty("excluded", round(f.excluded()));
      e.addProperty("z", round(f.z()));
      e.addProperty("evidence", round(f.evidence()));
      JsonArray words = new JsonArray();
      ex.queryWords().forEach(words::add);
      e.add("query_words", words);
      o.add("explain", e);
    }
    return o;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
