package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.build.BuildOptions;
import dev.skillsite.build.BuildPipeline;
import dev.skillsite.build.Progress;
import dev.skillsite.routing.RouteExplanation;
import dev.skillsite.routing.RouteHit;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.SiteGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing spec ({@code src/test/resources/routing/spec.md}): {@link Router} answers every
 * example as the spec says, and so does the browser engine under node ({@code spec-node.js}, which
 * reads the spec on its own) over the export of the same build. {@code -Dspec.update=true} rewrites
 * the answers from {@code Router}'s.
 */
class RoutingSpecTest {
  private static final Path SPEC = Path.of("src/test/resources/routing/spec.md");
  @TempDir Path tmp;

  @Test
  void routeAndTheBrowserEngineAnswerAsTheSpecSays() throws Exception {
    RoutingSpec spec = RoutingSpec.read(SPEC);
    assertTrue(spec.sections().size() >= 3, "sections: " + spec.sections().size());
    List<List<String>> answers = new ArrayList<>();
    List<String> diffs = new ArrayList<>();
    for (int s = 0; s < spec.sections().size(); s++) {
      RoutingSpec.Section section = spec.sections().get(s);
      Path site = build(section, s);
      try (RoutingIndex index = RoutingIndex.open(site.resolve(BuildPipeline.LUCENE_DIR))) {
        Router router = new Router(index);
        for (RoutingSpec.Example e : section.examples()) {
          List<String> answer = answer(router.explain(e.request(), 10));
          answers.add(answer);
          if (!answer.equals(e.answer())) {
            diffs.add(
                SPEC
                    + ":"
                    + e.line()
                    + " ("
                    + section.title()
                    + ") "
                    + e.request()
                    + "\n  spec:  "
                    + e.answer()
                    + "\n  route: "
                    + answer);
          }
        }
      }
      String node = runNode(site, s);
      if (!node.isEmpty()) {
        diffs.add(node);
      }
    }
    if (Boolean.getBoolean("spec.update")) {
      Files.writeString(SPEC, spec.withAnswers(answers), StandardCharsets.UTF_8);
      return;
    }
    assertEquals("", String.join("\n", diffs));
  }

  @Test
  void theSpecReaderSplitsSectionsFilesAndExamples() throws Exception {
    Path file = tmp.resolve("spec.md");
    String f = RoutingSpec.FENCE;
    Files.writeString(
        file,
        String.join(
            "\n",
            "# t",
            "## One",
            f + " skills",
            "=== a/SKILL.md",
            "x",
            "=== b/SKILL.md",
            "y",
            f,
            f + " example",
            "hello",
            "there",
            ".",
            "fires: a",
            f,
            "## Two",
            f + " example",
            "q",
            ".",
            f,
            ""),
        StandardCharsets.UTF_8);
    RoutingSpec spec = RoutingSpec.read(file);
    assertEquals(2, spec.sections().size());
    assertEquals(Map.of("a/SKILL.md", "x\n", "b/SKILL.md", "y\n"), spec.sections().get(0).files());
    RoutingSpec.Example e = spec.sections().get(0).examples().get(0);
    assertEquals("hello\nthere", e.request());
    assertEquals(List.of("fires: a"), e.answer());
    assertEquals(9, e.line());
    assertEquals(List.of(), spec.sections().get(1).examples().get(0).answer());
    String updated =
        spec.withAnswers(List.of(List.of("abstains"), List.of("tokens: q", "abstains")));
    assertEquals(
        List.of(List.of("abstains"), List.of("tokens: q", "abstains")),
        RoutingSpec.read(Files.writeString(tmp.resolve("again.md"), updated)).sections().stream()
            .flatMap(s -> s.examples().stream())
            .map(RoutingSpec.Example::answer)
            .toList());
  }

  /** The answer's lines, as spec-node.js writes them. */
  static List<String> answer(RouteExplanation ex) {
    List<String> out = new ArrayList<>();
    out.add("tokens: " + String.join(" ", ex.queryWords()));
    List<RouteHit> hits = ex.result().hits();
    if (hits.isEmpty()) {
      out.add("abstains");
      return out;
    }
    RouteHit top = hits.get(0);
    if (ex.result().abstained()) {
      out.add("abstains");
      out.add("closest: " + top.id().value());
    } else {
      out.add("fires: " + top.id().value() + (ex.invoked() ? " (called by name)" : ""));
    }
    out.add("confidence: " + RoutingSpec.band(top.confidence()));
    if (top.matched() != null && !top.matched().isEmpty()) {
      out.add("matched: " + top.field() + " \"" + top.matched() + "\"");
    }
    ex.notFor().forEach(c -> out.add("not for: " + c));
    return out;
  }

  private Path build(RoutingSpec.Section section, int number) throws Exception {
    Path content = tmp.resolve("content-" + number);
    for (Map.Entry<String, String> f : section.files().entrySet()) {
      Path to = content.resolve(f.getKey());
      Files.createDirectories(to.getParent());
      Files.writeString(to, f.getValue(), StandardCharsets.UTF_8);
    }
    Path site = tmp.resolve("site-" + number);
    new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(content, site, Optional.empty(), true));
    return site;
  }

  /**
   * What spec-node.js reports for one section: empty when the engine answers every example as the
   * spec.
   */
  private static String runNode(Path site, int section) throws Exception {
    Process p =
        new ProcessBuilder(
                "node",
                "src/test/resources/search/spec-node.js",
                NodeScript.ENGINE.toString(),
                SPEC.toString(),
                site.toString(),
                String.valueOf(section))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "node did not finish");
    assertTrue(p.exitValue() == 0 || !out.isEmpty(), "node failed without a word");
    return p.exitValue() == 0 ? "" : out;
  }
}
