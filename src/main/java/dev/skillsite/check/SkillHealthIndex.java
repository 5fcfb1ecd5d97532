package dev.skillsite.check;

import dev.skillsite.markdown.SourceDocument;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One report's findings and collision pairs indexed by skill, built once, so that each of a site's
 * skill pages costs its own findings and rivals rather than a scan of the whole report (880 skills
 * × 3,000 findings on the large corpus). Gives the same lists, in the same order, as {@link
 * CheckReport#findingsFor} and {@link CheckReport#rivalsOf}. Immutable and thread-safe.
 */
public final class SkillHealthIndex {
  private final Map<SkillId, Skill> skills = new HashMap<>();
  private final Map<String, List<Diagnostic>> findingsByPath = new HashMap<>();
  private final Map<SkillId, List<CollisionPair>> pairsBySkill = new HashMap<>();

  public SkillHealthIndex(CheckReport report) {
    report.catalog().skills().forEach(s -> skills.putIfAbsent(s.id(), s));
    report
        .findings()
        .forEach(
            d -> findingsByPath.computeIfAbsent(d.pos().path(), k -> new ArrayList<>()).add(d));
    for (CollisionPair p : report.routing().pairs()) {
      pairsBySkill.computeIfAbsent(p.first(), k -> new ArrayList<>()).add(p);
      pairsBySkill.computeIfAbsent(p.second(), k -> new ArrayList<>()).add(p);
    }
  }

  /** The rivals and findings of one skill, hrefs relative to its page; empty for an unknown id. */
  public RoutingHealthView.SkillHealth forSkill(SkillId id, Function<SkillId, String> href) {
    Skill skill = skills.get(id);
    if (skill == null) {
      return new RoutingHealthView.SkillHealth(List.of(), List.of());
    }
    List<RoutingHealthView.Pair> rivals =
        CheckReport.nearestFirst(id, pairsBySkill.getOrDefault(id, List.of())).stream()
            .map(p -> RoutingHealthView.pair(p, skills, href))
            .toList();
    return new RoutingHealthView.SkillHealth(rivals, findings(skill, href));
  }

  /** The findings in a skill's SKILL.md and reference files, in report order. */
  List<RoutingHealthView.Finding> findings(Skill skill, Function<SkillId, String> href) {
    List<Diagnostic> own = new ArrayList<>();
    for (SourceDocument doc : SkillDocuments.of(skill)) {
      own.addAll(findingsByPath.getOrDefault(doc.path(), List.of()));
    }
    return own.stream()
        .sorted(Diagnostic.ORDER)
        .distinct()
        .map(d -> RoutingHealthView.finding(skill, d, href))
        .toList();
  }
}
