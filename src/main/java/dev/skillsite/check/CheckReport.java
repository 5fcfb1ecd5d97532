package dev.skillsite.check;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SkillId;
import java.util.List;

/**
 * Everything {@code check} found in a collection: the findings in print order, and the routing
 * health and listing budget behind them, for the site's "routing health" page.
 *
 * @param catalog the collection checked, triggers extracted
 * @param findings every finding, sorted by {@link Diagnostic#ORDER}
 */
public record CheckReport(
    Catalog catalog, List<Diagnostic> findings, RoutingHealth routing, ListingBudget listing) {
  public CheckReport {
    findings = findings.stream().sorted(Diagnostic.ORDER).distinct().toList();
  }

  public long errors() {
    return findings.stream().filter(Diagnostic::isError).count();
  }

  public long warnings() {
    return findings.size() - errors();
  }

  /**
   * The exit status {@code check} reports: 1 with errors (or with warnings when strict), else 0.
   */
  public int exitCode(boolean strict) {
    return errors() > 0 || strict && !findings.isEmpty() ? 1 : 0;
  }

  /** The findings about one skill: those in its SKILL.md and its reference files. */
  List<Diagnostic> findingsFor(SkillId id) {
    return catalog
        .skill(id)
        .map(
            s -> {
              java.util.Set<String> paths = new java.util.HashSet<>();
              SkillDocuments.of(s).forEach(d -> paths.add(d.path()));
              return findings.stream().filter(d -> paths.contains(d.pos().path())).toList();
            })
        .orElse(List.of());
  }

  /**
   * The skills that compete with {@code id} for its triggers, nearest first (most shared triggers).
   */
  List<CollisionPair> rivalsOf(SkillId id) {
    return nearestFirst(
        id,
        routing.pairs().stream()
            .filter(p -> p.first().equals(id) || p.second().equals(id))
            .toList());
  }

  /** The pairs of {@code id}, most shared triggers first, then by the other skill's id. */
  static List<CollisionPair> nearestFirst(SkillId id, List<CollisionPair> pairs) {
    return pairs.stream()
        .sorted(
            java.util.Comparator.comparingInt((CollisionPair p) -> -p.collisions().size())
                .thenComparing(p -> p.first().equals(id) ? p.second() : p.first()))
        .toList();
  }
}
