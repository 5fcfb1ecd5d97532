package dev.skillsite.site.view;

import java.util.List;

/** A collection (plugin) and its skills; absent strings are {@code ""}. */
public record CollectionPage(
    String id,
    String name,
    String description,
    String category,
    List<String> keywords,
    String homepage,
    String path,
    List<SkillCard> skills) {
  public CollectionPage {
    keywords = List.copyOf(keywords);
    skills = List.copyOf(skills);
  }
}
