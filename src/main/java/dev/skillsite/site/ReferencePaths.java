package dev.skillsite.site;

import dev.skillsite.model.Reference;
import dev.skillsite.model.Skill;

/** Content paths of a skill's Markdown files. */
final class ReferencePaths {
  private ReferencePaths() {}

  static String contentPath(Skill skill, Reference ref) {
    return skill.dir().isEmpty() ? ref.path() : skill.dir() + "/" + ref.path();
  }
}
