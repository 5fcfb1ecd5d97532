package dev.skillsite.content;

import dev.skillsite.model.SourcePos;
import java.util.List;
import java.util.Optional;

/**
 * A plugin declared in marketplace.json or a plugin.json: the skills it holds become a collection.
 *
 * @param dir its source folder relative to the content root ({@code ""} for the root)
 * @param skillPaths the skill folders it lists; empty means every skill under {@code dir}
 * @param origin where it is declared
 */
record PluginSpec(
    String name,
    String dir,
    List<SkillPath> skillPaths,
    Optional<String> description,
    Optional<String> category,
    List<String> keywords,
    Optional<String> homepage,
    SourcePos origin) {
  PluginSpec {
    skillPaths = List.copyOf(skillPaths);
    keywords = List.copyOf(keywords);
  }

  /** A skill folder listed by a plugin, as written and normalised. */
  record SkillPath(String written, String dir, SourcePos pos) {}

  /** The folders whose skills belong to this plugin. */
  List<String> folders() {
    return skillPaths.isEmpty() ? List.of(dir) : skillPaths.stream().map(SkillPath::dir).toList();
  }

  /** Fills what this declaration lacks from another declaration of the same plugin folder. */
  PluginSpec completedBy(PluginSpec other) {
    return new PluginSpec(
        name,
        dir,
        skillPaths,
        description.or(other::description),
        category.or(other::category),
        keywords.isEmpty() ? other.keywords : keywords,
        homepage.or(other::homepage),
        origin);
  }
}
