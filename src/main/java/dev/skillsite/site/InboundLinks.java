package dev.skillsite.site;

import dev.skillsite.model.ContentPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which skill folders a document's link target reaches from outside: the whole build records them
 * ({@code l:} records of {@link SkillPagesPatch#PATH}), a patch re-rendering a skill refuses a
 * target whose folder is not recorded, so the record stays a superset of the links between skills.
 * A file added to or deleted from a skill folder no record names is then not the target of any
 * other skill's link (nor is an anchor of its documents).
 */
final class InboundLinks {
  private InboundLinks() {}

  /**
   * The skill folders among {@code target} and its parents, nearest first, when the nearest is not
   * {@code askerDir} (the folder of the skill whose document asks); else none. A target in a skill
   * nested in another names both folders.
   */
  static List<String> reached(String askerDir, String target, Predicate<String> skillDir) {
    List<String> dirs = new ArrayList<>();
    for (String dir = target; ; dir = ContentPaths.parent(dir)) {
      if (skillDir.test(dir)) {
        if (dirs.isEmpty() && dir.equals(askerDir)) {
          return List.of();
        }
        dirs.add(dir);
      }
      if (dir.isEmpty()) {
        return dirs;
      }
    }
  }

  /** The target path a question names, or null (a skill asked by its id). */
  static String target(DocumentPipeline.Question q) {
    return switch (q.method()) {
      case PAGE, FILE -> q.second();
      case ANCHOR, FOREIGN_ANCHOR, EXISTS, NOT_REGULAR -> q.first();
      case SKILL -> null;
    };
  }
}
