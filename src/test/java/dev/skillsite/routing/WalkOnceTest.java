package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full build scores each skill's "more like this" query once: the walk the related stage's query
 * made ({@link RoutingIndex#similarSkills}) is kept packed and taken by {@link RoutingPatch#write},
 * and it is the walk {@link SimilarSkills#walk} makes, field for field; the routing state written
 * from the taken walks records what one written from fresh walks records.
 */
class WalkOnceTest {
  private static final String KEY = "code+config";

  @TempDir Path taken;
  @TempDir Path made;

  @Test
  void theRelatedStagesWalksAreTheWalksTheStateRecords() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/medium"));
    try (RoutingIndex asked = RoutingIndex.build(skills);
        RoutingIndex fresh = RoutingIndex.build(skills)) {
      SimilarSkills related = asked.similarSkills();
      SimilarSkills walker = fresh.similarSkills();
      int kept = 0;
      for (int d = 0; d < skills.size(); d++) {
        // n as the related stage asks it: RELATED + 1 + declared, at most MAX_N
        related.similar(asked.skill(d).id(), 4 + d % (SimilarSkills.MAX_N - 3));
      }
      for (int d = 0; d < skills.size(); d++) {
        var w = asked.takeWalk(d);
        if (w.isPresent()) {
          assertEquals(walker.walk(d), w.get(), "skill " + d);
          assertEquals(w.get(), SimilarSkills.unpack(SimilarSkills.pack(w.get())));
          kept++;
        }
        assertTrue(asked.takeWalk(d).isEmpty(), "taken once");
      }
      assertTrue(kept > skills.size() * 9 / 10, "walks kept: " + kept + " of " + skills.size());
      for (int d = 0; d < skills.size(); d += 2) {
        related.similar(asked.skill(d).id(), 7); // half asked again: the rest made by write
      }
      RoutingPatch.write(taken, asked, List.of(), KEY);
      RoutingPatch.write(made, fresh, List.of(), KEY);
      assertEquals(records(made, skills), records(taken, skills));
    }
  }

  /** Every record of the state's similar table, by id (read through each skill's chosen words). */
  private static Map<String, String> records(Path cache, List<Skill> skills) throws IOException {
    Map<String, SimilarTable.Record> out = new TreeMap<>();
    try (SimilarTable t =
            SimilarTable.open(
                cache.resolve(RoutingPatch.DIR).resolve(RoutingPatch.SIMILAR), false);
        var reader = t.reader()) {
      for (var leaf : reader.leaves()) {
        var terms = leaf.reader().terms(SimilarTable.SURFACE);
        if (terms == null) {
          continue;
        }
        var te = terms.iterator();
        for (var b = te.next(); b != null; b = te.next()) {
          SimilarTable.records(reader, SimilarTable.SURFACE, b.utf8ToString(), out);
        }
      }
    }
    Map<String, String> text = new TreeMap<>();
    out.forEach((k, v) -> text.put(k, v.toString()));
    assertTrue(text.size() > skills.size() * 9 / 10, "records read: " + text.size());
    return text;
  }
}
