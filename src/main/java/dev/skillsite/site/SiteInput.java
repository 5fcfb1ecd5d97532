package dev.skillsite.site;

import dev.skillsite.audit.AuditReport;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.SkillId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the site is made of.
 *
 * @param related per skill, its related skills: declared ones first, then computed ones
 * @param contentRoot the content folder the catalog was loaded from: images and files that bodies
 *     link to, and the raw SKILL.md files, are copied from it; without it nothing is copied and
 *     such links warn
 * @param health the routing health of the catalog: with it the site has a health page, linked from
 *     every page, and each skill page shows its rivals and findings; without it neither
 * @param audit the audit of the catalog's skills: with it every card and skill page has a badge,
 *     each skill page its findings, and the site an audit page
 */
public record SiteInput(
    Catalog catalog,
    Map<SkillId, List<RelatedSkill>> related,
    Optional<Path> contentRoot,
    Optional<HealthViews> health,
    Optional<AuditReport> audit) {
  public SiteInput {
    TreeMap<SkillId, List<RelatedSkill>> copy = new TreeMap<>();
    related.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    related = java.util.Collections.unmodifiableMap(copy);
  }

  public SiteInput(
      Catalog catalog,
      Map<SkillId, List<RelatedSkill>> related,
      Optional<Path> contentRoot,
      Optional<HealthViews> health) {
    this(catalog, related, contentRoot, health, Optional.empty());
  }

  public SiteInput(
      Catalog catalog, Map<SkillId, List<RelatedSkill>> related, Optional<Path> contentRoot) {
    this(catalog, related, contentRoot, Optional.empty());
  }

  public SiteInput(Catalog catalog, Map<SkillId, List<RelatedSkill>> related) {
    this(catalog, related, Optional.empty());
  }

  public List<RelatedSkill> related(SkillId id) {
    return related.getOrDefault(id, List.of());
  }
}
