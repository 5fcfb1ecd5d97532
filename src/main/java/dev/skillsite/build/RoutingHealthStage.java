package dev.skillsite.build;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.check.CheckOptions;
import dev.skillsite.check.CheckReport;
import dev.skillsite.check.RouteProbe;
import dev.skillsite.check.RouterProbe;
import dev.skillsite.check.RoutingHealthCheck;
import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.check.SkillHealthIndex;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.site.HealthViews;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Health: the catalog and the index → the site's routing health: {@code check}'s collisions,
 * unreachable skills, description lint and listing budget, probed on the index the build publishes
 * (no second index, no scratch site). Its findings are shown on the site, not added to the build's
 * diagnostics: {@code check} is the command that reports them.
 */
final class RoutingHealthStage {
  private final RoutingHealthCheck check = new RoutingHealthCheck(CheckOptions.DEFAULTS);

  /**
   * The site's routing health, each trigger's ranking taken from {@code answers} where they hold
   * it.
   */
  HealthViews check(Catalog catalog, Path contentRoot, RoutingIndex index, IndexAnswers answers)
      throws IOException {
    CheckReport report;
    try (RouterProbe probe = RouterProbe.sharing(index)) {
      IndexAnswers.Ranker ranker =
          answers.ranker(
              () ->
                  query ->
                      probe.rank(query).stream()
                          .map(r -> new IndexAnswers.Ranked(r.id(), r.score()))
                          .toList());
      RouteProbe held =
          query ->
              ranker.rank(query).stream()
                  .map(r -> new RouteProbe.Ranked(r.id(), r.score()))
                  .toList();
      report = check.check(catalog, contentRoot, held);
    }
    return new ReportViews(report, new SkillHealthIndex(report));
  }

  /**
   * The report as the site's templates want it; the index makes each skill page cost only its own
   * items.
   */
  private record ReportViews(CheckReport report, SkillHealthIndex skills) implements HealthViews {
    @Override
    public RoutingHealthView page(Function<SkillId, String> href) {
      return RoutingHealthView.of(report, href);
    }

    @Override
    public RoutingHealthView.SkillHealth skill(SkillId id, Function<SkillId, String> href) {
      return skills.forSkill(id, href);
    }
  }
}
