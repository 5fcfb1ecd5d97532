package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.SkillId;
import dev.skillsite.site.RenderedDiagnostics;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.FileLoader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingHealthViewTest {
  private static final Path FIXTURE = Path.of("src/test/resources/check/trigger-collision/content");

  private CheckReport report() throws Exception {
    return new Checker(RouterProbe.factory(), RenderedDiagnostics.standard())
        .check(FIXTURE, CheckOptions.DEFAULTS);
  }

  @Test
  void healthPageListsEachPairWithItsSharedTriggersAndASuggestion() throws Exception {
    RoutingHealthView view =
        RoutingHealthView.of(report(), id -> "../skills/" + id + "/index.html");
    assertEquals(1, view.pairs().size());
    RoutingHealthView.Pair pair = view.pairs().get(0);
    assertEquals("commit-writer", pair.first());
    assertEquals("../skills/csv-tables/index.html", pair.secondHref());
    assertEquals(
        List.of("write a commit message"),
        pair.triggers().stream().map(RoutingHealthView.Shared::trigger).toList());
    assertEquals("collision", pair.triggers().get(0).kind());
    assertTrue(pair.suggestion().contains("write a commit message"), pair.suggestion());
    assertEquals(List.of(), view.unreachable());
  }

  @Test
  void aSkillWhoseTriggersFireNothingSaysSo() throws Exception {
    CheckReport report =
        new Checker(RouterProbe.factory(), RenderedDiagnostics.standard())
            .check(
                Path.of("src/test/resources/check/generic-triggers/content"),
                CheckOptions.DEFAULTS);
    RoutingHealthView view = RoutingHealthView.of(report, id -> "../skills/" + id + "/index.html");
    assertEquals(
        List.of(
            new RoutingHealthView.Lost(
                "lookup",
                "../skills/lookup/index.html",
                "none of its 3 triggers routes to it first: none fires a skill on its own (too few specific words)")),
        view.unreachable());
  }

  @Test
  void skillPartialShowsNearestRivalAndOwnFindings() throws Exception {
    RoutingHealthView.SkillHealth health =
        RoutingHealthView.forSkill(
            report(), new SkillId("csv-tables"), id -> "../" + id + "/index.html");
    assertEquals(1, health.rivals().size());
    assertEquals(
        List.of("trigger-collision"),
        health.findings().stream().map(RoutingHealthView.Finding::code).toList());
    FileLoader loader = new FileLoader();
    loader.setPrefix(Path.of("templates").toAbsolutePath().toString());
    loader.setSuffix(".peb");
    PebbleEngine engine =
        new PebbleEngine.Builder()
            .loader(loader)
            .strictVariables(true)
            .autoEscaping(true)
            .defaultLocale(Locale.ROOT)
            .build();
    StringWriter out = new StringWriter();
    engine
        .getTemplate("partials/skill-health")
        .evaluate(out, Map.of("health", health), Locale.ROOT);
    String html = out.toString();
    assertTrue(html.contains("<a href=\"../commit-writer/index.html\">commit-writer</a>"), html);
    assertTrue(html.contains("trigger &quot;write a commit message&quot; routes to"), html);
  }

  /**
   * The margin's edges are the router's own: equal printed scores, the ambiguity margin ({@link
   * RoutingAnalyzer#MARGIN}), and a skill not among the hits; no fitted constant.
   */
  @Test
  void aRowsMarginComesFromTheAmbiguityMargin() {
    assertEquals(RoutingHealthView.Margin.NEAR_TIE, margin("collision", "31.11", "31.11"));
    assertEquals(RoutingHealthView.Margin.CLOSE, margin("collision", "31.11", "31.12"));
    // 90 % of the winner is the check's "ambiguous" edge: inside it, close; past it, clear
    assertEquals(RoutingHealthView.Margin.CLOSE, margin("collision", "90.00", "100.00"));
    assertEquals(RoutingHealthView.Margin.CLEAR, margin("collision", "89.99", "100.00"));
    assertEquals(RoutingHealthView.Margin.ABSENT, margin("collision", "–", "36.80"));
    // an ambiguous row is within the margin by definition, whatever the rounding says
    assertEquals(RoutingHealthView.Margin.CLOSE, margin("ambiguous", "57.89", "57.56"));
    assertEquals(RoutingHealthView.Margin.NEAR_TIE, margin("ambiguous", "57.89", "57.89"));
    RoutingHealthView.Shared won =
        new RoutingHealthView.Shared("three.js", "a", "b", "31.11", "31.12", "collision");
    RoutingHealthView.Shared moved =
        new RoutingHealthView.Shared("three.js", "a", "b", "30.01", "30.40", "collision");
    assertEquals("b", won.winner());
    assertEquals("a", won.loser());
    assertEquals(won.shown(), moved.shown(), "scores that move inside a margin read the same");
    assertTrue(
        !won.shown()
            .equals(
                new RoutingHealthView.Shared("three.js", "a", "b", "20.00", "30.40", "collision")
                    .shown()),
        "a margin that moves reads otherwise");
    RoutingHealthView.Shared shared =
        new RoutingHealthView.Shared("three.js", "a", "b", "31.12", "31.11", "ambiguous");
    assertEquals("a", shared.winner());
    if (RoutingHealthView.SCORE_BUCKETS) {
      assertEquals("collision: goes to b, a close behind, within 10%", won.said());
      assertEquals("ambiguous: goes to a, b close behind, within 10%", shared.said());
    } else {
      assertEquals("collision, 31.12 / 31.11", won.said());
    }
  }

  /** A page shows a collision finding with who wins and the margin; {@code check} the scores. */
  @Test
  void aCollisionFindingOnAPageSaysTheMarginNotTheScores() {
    assertEquals(
        "trigger \"three.js\" routes to 'b' first (a near tie with this skill)",
        RoutingHealthView.withoutScores(
            "trigger-collision",
            "trigger \"three.js\" routes to 'b' first (score 31.11; this skill 31.11)"));
    assertEquals(
        "trigger \"3D website\" routes to 'c' first (this skill not in the top hits)",
        RoutingHealthView.withoutScores(
            "trigger-collision",
            "trigger \"3D website\" routes to 'c' first (score 36.80; this skill not in the top"
                + " hits)"));
    assertEquals(
        "trigger \"a (b; c)\" routes to 'd' first (this skill well behind)",
        RoutingHealthView.withoutScores(
            "trigger-collision",
            "trigger \"a (b; c)\" routes to 'd' first (score 8.31; this skill 5.00)"));
    assertEquals(
        "trigger \"x\" is ambiguous: 'b' comes within 10% of this skill, which the trigger goes to",
        RoutingHealthView.withoutScores(
            "trigger-ambiguous",
            "trigger \"x\" is ambiguous: 'b' scores 57.56 against 57.89 for this skill (within"
                + " 10%)"));
    String lint = "description says nothing a request could match (score 1.00; this skill 2)";
    assertEquals(lint, RoutingHealthView.withoutScores("vague-description", lint));
  }

  private static RoutingHealthView.Margin margin(String kind, String owner, String rival) {
    return RoutingHealthView.Margin.of(kind, owner, rival);
  }
}
