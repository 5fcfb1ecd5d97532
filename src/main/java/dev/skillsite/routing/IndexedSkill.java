package dev.skillsite.routing;

import dev.skillsite.model.SkillId;
import java.util.List;

/**
 * The stored part of one indexed skill, held in memory beside the index for reasons and
 * explanations.
 */
record IndexedSkill(
    SkillId id,
    String name,
    String source,
    String description,
    List<String> phrases,
    List<String> keywords,
    List<String> headings,
    List<String> notFor) {
  IndexedSkill {
    phrases = List.copyOf(phrases);
    keywords = List.copyOf(keywords);
    headings = List.copyOf(headings);
    notFor = List.copyOf(notFor);
  }
}
