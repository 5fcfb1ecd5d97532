package dev.skillsite.site;

import dev.skillsite.model.SkillId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * "Mentioned by": for each skill, the skills whose body or references link to it by mention,
 * sorted.
 */
final class Backlinks {
  private final Map<SkillId, TreeSet<SkillId>> by = new TreeMap<>();

  Backlinks(List<RenderedSkill> skills) {
    for (RenderedSkill s : skills) {
      for (SkillId target : s.mentions()) {
        if (!target.equals(s.skill().id())) {
          by.computeIfAbsent(target, k -> new TreeSet<>()).add(s.skill().id());
        }
      }
    }
  }

  List<SkillId> of(SkillId id) {
    return List.copyOf(by.getOrDefault(id, new TreeSet<>()));
  }
}
