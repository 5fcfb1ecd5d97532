package dev.skillsite.content;

import dev.skillsite.model.Collection;
import java.util.List;
import java.util.Map;

/**
 * The collections of a site and the collection of each skill.
 *
 * @param collections only those that hold at least one skill, sorted by id
 * @param bySource collection id for each SKILL.md path
 */
record CollectionPlan(List<Collection> collections, Map<String, String> bySource) {
  CollectionPlan {
    collections = List.copyOf(collections);
    bySource = Map.copyOf(bySource);
  }
}
