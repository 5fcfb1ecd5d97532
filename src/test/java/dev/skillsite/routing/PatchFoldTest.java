package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PatchFold}: a long series of patches (40, past the unfolded cap of 16) of a few skills
 * (each patched several times), with the patch segments folded after each. After every patch the
 * state's index and the published folder (changed only by the files the patch returns) route every
 * trigger and eval request as a fresh index of the edited skills (ids, scores, confidence,
 * abstention, matched phrase); the state's index stays the base segment and one patch segment
 * without a deleted document, and the tombstones one segment holding exactly one document per
 * patched skill (its base copy).
 */
class PatchFoldTest {
  private static final int TOP = 5;
  private static final String KEY = "code+config";

  @TempDir Path tmp;

  @Test
  void manyPatchesOfFewSkillsFoldedRouteAsAFreshIndex() throws IOException {
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/medium")));
    Path cache = tmp.resolve("cache");
    Path published = tmp.resolve("site/search/lucene");
    Set<String> t = new LinkedHashSet<>();
    for (Skill s : skills) {
      t.addAll(s.triggers().phrases());
      t.addAll(s.triggers().keywords());
    }
    Set<String> q = new LinkedHashSet<>(t);
    for (String line : Files.readAllLines(Path.of("../shared/eval/large.jsonl"))) {
      Matcher m = Pattern.compile("\"query\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
      if (m.find()) {
        q.add(m.group(1).replace("\\\"", "\""));
      }
    }
    int base = skills.size();
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      fresh.writeTo(published);
      RoutingPatch.write(cache, fresh, t, KEY);
    }
    Random r = new Random(27);
    int[] pool = new int[8];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = r.nextInt(skills.size());
    }
    List<UnaryOperator<Skill>> edits =
        List.of(
            SkillEdits::descriptionWordReplaced,
            SkillEdits::bodyWordReplaced,
            b -> SkillEdits.descriptionFirstWord(b, "Use"),
            b -> SkillEdits.descriptionFirstWord(b, "Write"));
    Set<Integer> patchedOrds = new TreeSet<>();
    int[] times = new int[skills.size()];
    int patched = 0;
    int folds = 0;
    for (int e = 0; patched < 40 && e < 300; e++) {
      int at = pool[r.nextInt(pool.length)];
      Skill before = skills.get(at);
      Skill after = edits.get(r.nextInt(edits.size())).apply(before);
      if (after.equals(before)) {
        continue;
      }
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              KEY,
              List.of(new RoutingPatch.Change(before, after)),
              List.of(),
              List.of(),
              TOP);
      if (o instanceof RoutingPatch.CannotPatch c) {
        assertTrue(c.reason().contains("average length"), c.reason()); // the state as it was
        continue;
      }
      List<Skill> next = new ArrayList<>(skills);
      next.set(at, after);
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o;
          RoutingIndex fresh = RoutingIndex.build(next)) {
        folds += p.parts().containsKey("fold") ? 1 : 0;
        Router want = new Router(fresh);
        Router got = p.router();
        for (String query : q) {
          assertEquals(want.route(query, TOP), got.route(query, TOP), "patched: " + query);
        }
        RoutingPatch.Published files = p.published(published);
        for (var f : files.written().entrySet()) {
          assertFalse(f.getKey().startsWith("_0."), "base segment written again: " + f.getKey());
          Path to = published.resolve(f.getKey());
          Files.createDirectories(to.getParent());
          Files.write(to, f.getValue());
        }
        for (String d : files.deleted()) {
          Files.delete(published.resolve(d));
        }
        p.commit();
        try (RoutingIndex open = RoutingIndex.open(published)) {
          Router folder = new Router(open);
          for (String query : q) {
            assertEquals(want.route(query, TOP), folder.route(query, TOP), "published: " + query);
          }
        }
      }
      skills.set(at, after);
      patchedOrds.add(at);
      times[at]++;
      patched++;
      Path root = cache.resolve(RoutingPatch.DIR);
      try (Directory index = FSDirectory.open(root.resolve("index"));
          Directory tomb = FSDirectory.open(root.resolve("tomb"));
          DirectoryReader ir = DirectoryReader.open(index);
          DirectoryReader tr = DirectoryReader.open(tomb)) {
        int segments = SegmentInfos.readLatestCommit(index).size();
        assertTrue(segments <= 2, "index segments after patch " + patched + ": " + segments);
        assertEquals(base + patchedOrds.size(), ir.maxDoc(), "the patch segment: live docs only");
        assertEquals(1, SegmentInfos.readLatestCommit(tomb).size(), "tomb segments");
        assertEquals(patchedOrds.size(), tr.maxDoc(), "one tombstone a patched skill");
        assertEquals(tr.maxDoc(), tr.numDocs(), "no deleted tombstone");
      }
    }
    assertEquals(40, patched);
    assertTrue(folds >= patched - patchedOrds.size(), "folds: " + folds);
    assertTrue(
        java.util.Arrays.stream(times).filter(n -> n >= 3).count() >= 2,
        "some skills patched 3 times or more");
  }
}
