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
 * @param bodyText the Markdown after the frontmatter: read again from the SKILL.md when asked for,
 *     as loaded from a content tree (see {@link MarkdownText}); {@link #body()} gives the text
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
    MarkdownText bodyText,
    int bodyLine,
    List<Reference> references,
    Triggers triggers,
    List<String> declaredRelated) {
  public Skill {
    frontmatter = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(frontmatter));
    references = List.copyOf(references);
    declaredRelated = List.copyOf(declaredRelated);
  }

  /** A skill whose body is held in memory. */
  public Skill(
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
    this(
        id,
        name,
        description,
        source,
        collectionId,
        frontmatter,
        MarkdownText.of(body),
        bodyLine,
        references,
        triggers,
        declaredRelated);
  }

  /** The Markdown after the frontmatter. */
  public String body() {
    return bodyText.text();
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
        bodyText,
        bodyLine,
        references,
        t,
        declaredRelated);
  }
}
