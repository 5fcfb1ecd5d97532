package dev.skillsite.site.view;

import java.util.List;

/** Every skill, A–Z. */
public record SkillsPage(List<LetterGroup<SkillCard>> groups, int count) {
  public SkillsPage {
    groups = List.copyOf(groups);
  }
}
