package dev.skillsite.content;

import dev.skillsite.model.ContentPaths;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SkillId;
import dev.skillsite.model.SourcePos;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every skill a unique URL slug. A skill's id is the slug of its name when no skill earlier
 * in path order has claimed it. Later skills whose slug is taken get, in order of preference,
 * {@code <collection>-<slug>}, {@code <folder>-<slug>}, the slug of their folder path, then a
 * number: all derived from paths, so ids do not depend on scan timing. A later skill with the same
 * name gets a {@code duplicate-name} warning. Stateless.
 */
final class SkillIds {
  /**
   * Ids that would name a file the generator writes beside the skill folders ({@code
   * skills/index.html}, the skill list): a skill whose name makes one is published under another
   * id, with a warning (issue 26).
   */
  static final Set<String> RESERVED = Set.of("index.html");

  /**
   * @param drafts sorted by source
   * @param collectionOf collection id by source
   * @return the id of each skill by source
   */
  Map<String, SkillId> assign(
      List<SkillDraft> drafts, Map<String, String> collectionOf, List<Diagnostic> diagnostics) {
    Map<String, SkillDraft> firstBySlug = new HashMap<>();
    Map<String, SkillId> ids = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>(RESERVED);
    for (SkillDraft d : drafts) {
      String slug = baseSlug(d);
      if (RESERVED.contains(slug)) {
        continue;
      }
      if (firstBySlug.putIfAbsent(slug, d) == null) {
        taken.add(slug);
        ids.put(d.source(), new SkillId(slug));
      }
    }
    for (SkillDraft d : drafts) {
      if (ids.containsKey(d.source())) {
        continue;
      }
      String slug = baseSlug(d);
      String id = disambiguate(d, slug, collectionOf.getOrDefault(d.source(), ""), taken);
      taken.add(id);
      ids.put(d.source(), new SkillId(id));
      SkillDraft first = firstBySlug.get(slug);
      SourcePos pos = d.frontmatter().keyPositions().getOrDefault("name", SourcePos.of(d.source()));
      if (first == null) {
        diagnostics.add(
            Diagnostic.warning(
                pos,
                "reserved-name",
                "name '"
                    + d.name()
                    + "' gives the id '"
                    + slug
                    + "', which names a page the site generates (skills/"
                    + slug
                    + "); published as '"
                    + id
                    + "'"));
        continue;
      }
      String what =
          first.name().equals(d.name())
              ? "name '" + d.name() + "' is also used by "
              : "name '" + d.name() + "' gives the same id '" + slug + "' as ";
      diagnostics.add(
          Diagnostic.warning(
              pos, "duplicate-name", what + first.source() + "; published as '" + id + "'"));
    }
    return ids;
  }

  private static String baseSlug(SkillDraft d) {
    return Slugs.of(d.name(), Slugs.of(ContentPaths.fileName(d.dir()), "skill"));
  }

  private static String disambiguate(
      SkillDraft d, String slug, String collection, Set<String> taken) {
    String folder = Slugs.of(ContentPaths.fileName(d.dir()));
    String[] candidates = {
      collection.isEmpty() || slug.startsWith(collection + "-") ? "" : collection + "-" + slug,
      folder.isEmpty() || folder.equals(slug) ? "" : folder + "-" + slug,
      Slugs.of(d.dir()),
    };
    for (String c : candidates) {
      if (!c.isEmpty() && !taken.contains(c)) {
        return c;
      }
    }
    String base = candidates[2].isEmpty() ? slug : candidates[2];
    String id = base + "-2";
    for (int n = 3; taken.contains(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }
}
