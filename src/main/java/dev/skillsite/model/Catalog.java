package dev.skillsite.model;

import java.util.List;
import java.util.Optional;

/**
 * Everything loaded from a content tree: the site settings, the collections, the skills that loaded
 * (sorted by id) and every diagnostic found while loading (sorted by {@link Diagnostic#ORDER}).
 *
 * @param skippedSources SKILL.md paths that had errors, or are templates (placeholder
 *     descriptions), and are not published
 */
public record Catalog(
    SiteConfig config,
    List<Collection> collections,
    List<Skill> skills,
    List<String> skippedSources,
    List<Diagnostic> diagnostics) {
  public Catalog {
    collections = List.copyOf(collections);
    skills = List.copyOf(skills);
    skippedSources = List.copyOf(skippedSources);
    diagnostics = diagnostics.stream().sorted(Diagnostic.ORDER).toList();
  }

  public Optional<Skill> skill(SkillId id) {
    return skills.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Optional<Collection> collection(String id) {
    return collections.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public Catalog withSkills(List<Skill> replaced) {
    return new Catalog(config, collections, replaced, skippedSources, diagnostics);
  }
}
