package dev.skillsite.content;

import dev.skillsite.model.Diagnostic;
import java.util.List;

/**
 * What validation makes of a skill's frontmatter.
 *
 * @param name the {@code name} key, or the folder name when it is missing or not a string
 * @param description the {@code description} key
 * @param warnings everything the specification would flag that does not stop the skill from loading
 */
record SkillHeader(String name, String description, List<Diagnostic> warnings) {
  SkillHeader {
    warnings = List.copyOf(warnings);
  }
}
