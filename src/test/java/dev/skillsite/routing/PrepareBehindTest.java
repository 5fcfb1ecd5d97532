package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing state's commits prepared on a thread of their own ({@link
 * RoutingPatch#PREPARE_BEHIND}) change nothing a patch answers or publishes: two states of the same
 * full build patched edit by edit, one with the commits prepared behind and one on the caller's
 * thread, rank every asked phrase the same, publish files of the same names and sizes, and each
 * published folder answers every trigger as a fresh index of the edited collection; a patch
 * prepared behind and closed without its commit leaves the state where it was.
 */
class PrepareBehindTest {
  private static final int TOP = 5;
  private static final String KEY = "code+config";

  @TempDir Path tmp;

  @Test
  void commitsPreparedBehindPublishAndAnswerAsPreparedInLine() throws IOException {
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/medium")));
    Set<String> triggers = new LinkedHashSet<>();
    for (Skill s : skills) {
      triggers.addAll(s.triggers().phrases());
      triggers.addAll(s.triggers().keywords());
    }
    Path behind = tmp.resolve("behind");
    Path inLine = tmp.resolve("inline");
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      for (Path root : List.of(behind, inLine)) {
        fresh.writeTo(root.resolve("site"));
        RoutingPatch.write(root.resolve("cache"), fresh, triggers, KEY);
      }
    }
    List<UnaryOperator<Skill>> edits =
        List.of(
            SkillEdits::bodyWordReplaced,
            SkillEdits::descriptionWordReplaced,
            b -> SkillEdits.withBody(b, b.body() + "\n\nAlso covers quokka habitats.\n"));
    int[] at = {0, 57, 0, 140};
    for (int i = 0; i < at.length; i++) {
      Skill before = skills.get(at[i]);
      Skill after = edits.get(i % edits.size()).apply(before);
      assertFalse(after.equals(before));
      Map<String, List<String>> a = patch(behind, before, after, true);
      Map<String, List<String>> b = patch(inLine, before, after, false);
      assertEquals(b, a, "edit " + i + ": the same rankings and published files");
      skills.set(at[i], after);
      for (Path root : List.of(behind, inLine)) {
        answersAsFresh(root.resolve("site"), skills, triggers);
      }
    }
    // prepared behind, closed without its commit: the state is where it was (the same edit again
    // patches from it, and the generation did not move)
    Skill before = skills.get(3);
    Skill after = SkillEdits.descriptionWordReplaced(before);
    long gen;
    try (RoutingPatch.Patched p = patched(behind, before, after, true)) {
      gen = p.generation();
    }
    try (RoutingPatch.Patched p = patched(behind, before, after, true)) {
      assertEquals(gen, p.generation(), "rolled back: the same generation");
      p.published(behind.resolve("site")); // waits for the commits prepared behind
    }
    try (RoutingPatch.Patched p = patched(behind, before, after, true)) {
      assertEquals(gen, p.generation(), "published, not committed: rolled back");
    }
  }

  /**
   * Patches one edit, publishes, commits: each asked phrase's ranking (ids), then each published
   * file's name and size (Lucene's files hold random ids, so not their bytes) and the deleted ones.
   */
  private static Map<String, List<String>> patch(Path root, Skill before, Skill after, boolean b)
      throws IOException {
    Map<String, List<String>> seen = new TreeMap<>();
    Path site = root.resolve("site");
    try (RoutingPatch.Patched p = patched(root, before, after, b)) {
      p.rankings().forEach((q, r) -> seen.put("now " + q, ids(r)));
      p.rankingsBefore().forEach((q, r) -> seen.put("before " + q, ids(r)));
      RoutingPatch.Published files = p.published(site);
      List<String> written = new ArrayList<>();
      for (var e : new TreeMap<>(files.written()).entrySet()) {
        written.add(e.getKey() + " " + e.getValue().length);
        Path to = site.resolve(e.getKey());
        Files.createDirectories(to.getParent());
        Files.write(to, e.getValue());
      }
      for (String d : files.deleted()) {
        Files.delete(site.resolve(d));
      }
      seen.put("written", written);
      seen.put("deleted", List.copyOf(new java.util.TreeSet<>(files.deleted())));
      p.commit();
    }
    return seen;
  }

  private static RoutingPatch.Patched patched(Path root, Skill before, Skill after, boolean b) {
    RoutingPatch.Outcome o =
        RoutingPatch.patch(
            root.resolve("cache"),
            KEY,
            List.of(new RoutingPatch.Change(before, after)),
            List.of(),
            List.of(),
            TOP,
            b);
    return assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
  }

  private static List<String> ids(RouteResult r) {
    List<String> out = new ArrayList<>();
    r.probed().forEach(h -> out.add(h.id().value() + " " + h.score()));
    return out;
  }

  /** The published folder answers every trigger as a fresh index of {@code skills}. */
  private static void answersAsFresh(Path published, List<Skill> skills, Set<String> queries)
      throws IOException {
    try (RoutingIndex open = RoutingIndex.open(published);
        RoutingIndex fresh = RoutingIndex.build(skills)) {
      assertEquals(fresh.size(), open.size());
      Router a = new Router(fresh);
      Router b = new Router(open);
      for (String q : queries) {
        assertEquals(a.explain(q, TOP), b.explain(q, TOP), "explain: " + q);
      }
    }
  }
}
