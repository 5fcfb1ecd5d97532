package dev.skillsite.build;

import dev.skillsite.cache.IndexAnswers;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.Similar;
import dev.skillsite.routing.SimilarSkills;
import dev.skillsite.site.RelatedSkill;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Relate: the catalog and the index → related skills of every skill: the declared ones first (from
 * {@code skillsite.yaml} or {@code metadata.related}), then the most similar others by content, up
 * to a fixed count.
 */
final class RelatedSkillsStage {
  static final String DECLARED_REASON = "declared by the collection";

  /**
   * At most this many computed ("Similar") skills on a page: a few worth clicking, not every
   * neighbour.
   */
  static final int MAX_SIMILAR = 3;

  private final int max;

  RelatedSkillsStage(int max) {
    this.max = max;
  }

  /**
   * Every skill's related skills, the similar ones from {@code answers} where they hold them (the
   * index's postings are read for similarity only when they do not).
   */
  Map<SkillId, List<RelatedSkill>> relate(
      Catalog catalog, RoutingIndex index, IndexAnswers answers) {
    Map<String, List<SkillId>> byName = new TreeMap<>();
    for (Skill s : catalog.skills()) {
      byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s.id());
    }
    IndexAnswers.Finder similar =
        answers.finder(
            () -> {
              SimilarSkills finder = index.similarSkills();
              return finder::similar;
            });
    List<List<RelatedSkill>> related =
        catalog.skills().parallelStream().map(s -> relatedOf(s, byName, similar)).toList();
    Map<SkillId, List<RelatedSkill>> out = new LinkedHashMap<>();
    for (int i = 0; i < related.size(); i++) {
      out.put(catalog.skills().get(i).id(), related.get(i));
    }
    return out;
  }

  private List<RelatedSkill> relatedOf(
      Skill s, Map<String, List<SkillId>> byName, IndexAnswers.Finder similar) {
    List<SkillId> declared = new ArrayList<>();
    for (String name : s.declaredRelated()) {
      declared.addAll(byName.getOrDefault(name, List.of()));
    }
    return related(s.id(), declared, similar, max);
  }

  /**
   * One skill's related skills: {@code declared} (the skills its declared names name, in order)
   * first, then the most similar others by content, at most {@link #MAX_SIMILAR} of them and {@code
   * max} in all; never itself, never one twice. A patch build ({@link RelatedPatch}) asks this too,
   * so its lists are a full build's.
   */
  static List<RelatedSkill> related(
      SkillId self, List<SkillId> declared, IndexAnswers.Finder similar, int max) {
    Set<SkillId> seen = new LinkedHashSet<>();
    seen.add(self);
    List<RelatedSkill> list = new ArrayList<>();
    for (SkillId id : declared) {
      if (seen.add(id)) {
        list.add(new RelatedSkill(id, DECLARED_REASON, true));
      }
    }
    if (list.size() < max) {
      int computed = 0;
      for (Similar sim : similar.similar(self, max + seen.size())) {
        if (list.size() >= max || computed >= MAX_SIMILAR) {
          break;
        }
        if (seen.add(sim.id())) {
          computed++;
          list.add(new RelatedSkill(sim.id(), sim.reason(), false));
        }
      }
    }
    return List.copyOf(list);
  }
}
