package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.Progress;
import dev.skillsite.routing.RouteExplanation;
import dev.skillsite.routing.RouteHit;
import dev.skillsite.routing.RouteResult;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.SiteGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The browser engine under node, over the files {@code build} exported, against {@link Router} on
 * the same built index: same first skill, abstention, matched phrase, score (to the float bit) and
 * the "Not for" clauses that made the top skill abstain, for every eval query of the collection.
 * Runs without a browser; {@link BrowserSearchTest} repeats the ranking part in Chromium.
 */
@Tag("corpus")
class EngineRouteParityTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"elixir", "anthropic"})
  void engineAnswersLikeTheRouter(String corpus) throws Exception {
    assertParity(
        Path.of("../shared/corpora", corpus), Path.of("../shared/eval", corpus + ".jsonl"), 0.5);
  }

  /**
   * Our demo: its "Not for" clauses name tools (Sidekiq, Akka) that no skill otherwise uses, so its
   * negatives abstain only if the engine also discounts words a collection names only to exclude
   * them.
   */
  @Test
  void engineAnswersLikeTheRouterOnTheDemo() throws Exception {
    int withClause = assertParity(Path.of("content"), Path.of("content/evals/routing.jsonl"), 0.5);
    assertTrue(withClause >= 2, "requests that ran into a Not-for clause: " + withClause);
  }

  /**
   * A collection with its own threshold: the browser fires where {@code route} does, at that
   * threshold.
   */
  @Test
  void engineFiresAtTheCollectionsOwnThreshold() throws Exception {
    Path content = tmp.resolve("elixir");
    Path from = Path.of("../shared/corpora/elixir");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = content.resolve(from.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    Files.writeString(
        content.resolve("skillsite.yaml"), "routing: {threshold: 0.3}\n", StandardCharsets.UTF_8);
    assertParity(content, Path.of("../shared/eval/elixir.jsonl"), 0.3);
  }

  /** Returns how many queries ran into a "Not for" clause of their top skill. */
  private int assertParity(Path content, Path evalFile, double threshold) throws Exception {
    Path site = tmp.resolve("site");
    new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(content, site, Optional.empty(), true));
    List<String> queries = new ArrayList<>();
    for (String line : Files.readAllLines(evalFile, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        queries.add(new Gson().fromJson(line, JsonObject.class).get("query").getAsString());
      }
    }
    // skills called by name (Invocation), in both collections, and look-alikes that call none
    queries.addAll(
        List.of(
            "/webapp-testing check that the login form submits",
            "/tools:claude-api pick a model",
            "please use the doc coauthoring skill for this PRD",
            "copy the template skill into skills/x",
            "/otp-thinking remap the tmux prefix",
            "use the Ecto Thinking skill, then stop",
            "/usr/bin/env python3",
            "run /webapp-testing later",
            "the skill of writing",
            "  /nonexistent-skill do it",
            "don't use the webapp-testing skill, just read the code",
            "instead of the otp-thinking skill use the ecto-thinking skill"));
    // small talk, which the evidence cap keeps from firing (RouterAbstentionTest)
    queries.addAll(dev.skillsite.testing.SmallTalk.messages());
    JsonArray js = NodeScript.run("route-node.js", queries, site.toString()).getAsJsonArray();
    assertEquals(queries.size(), js.size());
    List<String> diffs = new ArrayList<>();
    int withClause = 0;
    try (RoutingIndex index = RoutingIndex.open(site.resolve(BuildPipeline.LUCENE_DIR))) {
      assertEquals(threshold, index.confidence().threshold());
      Router router = new Router(index);
      for (int i = 0; i < queries.size(); i++) {
        RouteExplanation ex = router.explain(queries.get(i), 10);
        RouteResult r = ex.result();
        withClause += ex.notFor().isEmpty() ? 0 : 1;
        JsonObject o = js.get(i).getAsJsonObject();
        String expected =
            describe(r.hits().isEmpty() ? null : r.hits().get(0), r.abstained())
                + " notFor="
                + ex.notFor();
        String actual =
            o.get("top").isJsonNull()
                ? describe(null, o.get("abstained").getAsBoolean())
                : o.get("top").getAsString()
                    + " abstained="
                    + o.get("abstained").getAsBoolean()
                    + " score="
                    + (float) o.get("score").getAsDouble()
                    + " matched="
                    + (o.get("matched").isJsonNull() ? "" : o.get("matched").getAsString());
        List<String> notFor = new ArrayList<>();
        o.getAsJsonArray("notFor").forEach(x -> notFor.add(x.getAsString()));
        actual += " notFor=" + notFor;
        if (!expected.equals(actual)) {
          diffs.add(queries.get(i) + "\n  route  " + expected + "\n  engine " + actual);
        }
      }
    }
    assertTrue(queries.size() > 40);
    assertEquals(List.of(), diffs);
    return withClause;
  }

  private static String describe(RouteHit top, boolean abstained) {
    return top == null
        ? "none abstained=" + abstained
        : top.id().value()
            + " abstained="
            + abstained
            + " score="
            + (float) top.score()
            + " matched="
            + top.matched();
  }
}
