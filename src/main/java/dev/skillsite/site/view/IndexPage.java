package dev.skillsite.site.view;

import java.util.List;

/** The home page: collections and every skill. */
public record IndexPage(List<LinkView> collections, List<SkillCard> skills, int triggerCount) {
  public IndexPage {
    collections = List.copyOf(collections);
    skills = List.copyOf(skills);
  }
}
