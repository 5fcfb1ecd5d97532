package dev.skillsite.model;

import java.util.List;
import java.util.Optional;

/**
 * A group of skills: a plugin of a marketplace, or a top-level folder when there is no plugin
 * metadata.
 *
 * @param id URL slug, unique in a site: {@code collections/<id>/index.html}
 * @param path folder relative to the content root ({@code ""} for the root)
 */
public record Collection(
    String id,
    String name,
    String path,
    Optional<String> description,
    Optional<String> category,
    List<String> keywords,
    Optional<String> homepage) {
  public Collection {
    keywords = List.copyOf(keywords);
  }
}
