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
}
