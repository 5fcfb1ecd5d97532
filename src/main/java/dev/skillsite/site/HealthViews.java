package dev.skillsite.site;

import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.model.SkillId;
import java.util.function.Function;

/**
 * The routing-health models the site shows: {@code health/index.html} ({@code
 * templates/health.peb}) and the part of each skill page included from {@code
 * templates/partials/skill-health.peb}. The caller (the build) makes them from {@code check}'s
 * report. The site supplies the hrefs, relative to the page written. Implementations are
 * thread-safe: skill pages are written in parallel.
 */
public interface HealthViews {
  /** The model of the health page; {@code href} gives a skill page's URL relative to it. */
  RoutingHealthView page(Function<SkillId, String> href);

  /**
   * The model of one skill's rivals and findings; {@code href} is relative to that skill's page.
   */
  RoutingHealthView.SkillHealth skill(SkillId id, Function<SkillId, String> href);
}
