package dev.skillsite.site.view;

import java.util.List;

/**
 * One page of every skill A–Z: this page's entries by letter, links to where each letter starts (on
 * any page) and the count of all skills.
 */
public record SkillsPage(List<LetterGroup<SkillCard>> groups, int count, List<LetterLink> letters) {
  public SkillsPage {
    groups = List.copyOf(groups);
    letters = List.copyOf(letters);
  }
}
