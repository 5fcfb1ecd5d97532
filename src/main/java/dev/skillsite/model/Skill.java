package dev.skillsite.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One published skill: a SKILL.md that loaded without errors.
 *
 * @param id unique URL slug
 * @param name frontmatter {@code name} (or the folder name when missing)
 * @param description frontmatter {@code description}, as parsed
 * @param source path of the SKILL.md relative to the content root, {@code /} separators
 * @param collectionId the {@link Collection#id()} it belongs to
 * @param frontmatter every top-level frontmatter key, as parsed (strings, lists, maps)
 * @param body the Markdown after the frontmatter
 * @param bodyLine the line of the SKILL.md on which the body starts (from 1)
 * @param references Markdown files beside the SKILL.md, sorted by path
 * @param triggers extracted from the description ({@link Triggers#NONE} until extracted)
 * @param declaredRelated names of related skills declared in skillsite.yaml or {@code
 *     metadata.related}
 */
public record Skill(
    SkillId id,
    String name,
    String description,
    String source,
    String collectionId,
    Map<String, Object> frontmatter,
    String body,
    int bodyLine,
    List<Reference> references,
    Triggers triggers,
    List<String> declaredRelated) {
  public Skill {
    frontmatter = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(frontmatter));
    references = List.copyOf(references);
    declaredRelated = List.copyOf(declaredRelated);
  }

  /** Folder of the SKILL.md relative to the content root ({@code ""} at the root). */
  /** The content path (from the content root) of one of this skill's reference files. */
  public String contentPath(Reference ref) {
    return dir().isEmpty() ? ref.path() : dir() + "/" + ref.path();
  }

  public String dir() {
    int slash = source.lastIndexOf('/');
    return slash < 0 ? "" : source.substring(0, slash);
  }

  public Optional<String> license() {
    return stringKey("license");
  }

  public Optional<String> stringKey(String key) {
    return frontmatter.get(key) instanceof String s && !s.isBlank()
        ? Optional.of(s)
        : Optional.empty();
  }

  public Skill withTriggers(Triggers t) {
    return new Skill(
        id,
        name,
        description,
        source,
        collectionId,
        frontmatter,
        body,
        bodyLine,
        references,
        t,
        declaredRelated);
  }
}
