package dev.skillsite.check;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of {@code check} that every build runs for the site's routing health: trigger collisions
 * and unreachable skills, probed on a router the caller already has, description lint and the
 * listing budget, beside the loader's diagnostics re-graded for the target. It leaves out what
 * would re-read the Markdown or render a scratch site (links, reference depth, mentioned files):
 * those are {@link Checker}'s. The rules are the same objects {@link Checker} runs, so a build's
 * health page and {@code check} agree on what they share.
 */
public final class RoutingHealthCheck {
  private final CheckOptions options;

  public RoutingHealthCheck(CheckOptions options) {
    this.options = options;
  }

  /**
   * @param catalog loaded from {@code contentRoot}, triggers extracted
   * @param probe the router to probe triggers with (see {@link RouterProbe#sharing})
   * @throws IOException when {@code contentRoot} cannot be resolved
   */
  public CheckReport check(Catalog catalog, Path contentRoot, RouteProbe probe) throws IOException {
    Path root = contentRoot.toRealPath();
    CheckContext context = new CheckContext(root, catalog, new SourceLocator(root), options);
    RoutingHealth routing = new RoutingAnalyzer(probe).analyze(catalog.skills());
    List<Diagnostic> findings =
        new ArrayList<>(new TargetProfile(options.target()).apply(catalog.diagnostics()));
    for (Rule rule : rules(routing)) {
      findings.addAll(rule.check(context));
    }
    return new CheckReport(
        catalog, findings, routing, ListingBudget.of(catalog.skills(), options.listingBudget()));
  }

  /**
   * The rules that need only the descriptions, triggers and routing: cheap enough for every build.
   */
  static List<Rule> rules(RoutingHealth routing) {
    return List.of(new DescriptionLintRule(), new ListingBudgetRule(), new RoutingRule(routing));
  }
}
