package dev.skillsite.site.view;

import java.util.List;

/**
 * One page of a collection (plugin): the collection and the skills of this page; {@code total}
 * counts all its skills; absent strings are {@code ""}.
 */
public record CollectionPage(
    String id,
    String name,
    String description,
    String category,
    List<String> keywords,
    String homepage,
    String path,
    List<SkillCard> skills,
    int total) {
  public CollectionPage {
    keywords = List.copyOf(keywords);
    skills = List.copyOf(skills);
  }
}
