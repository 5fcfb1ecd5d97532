package dev.skillsite.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.RouterProbe;
import dev.skillsite.model.Skill;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.search.SearchIndexWriter;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RoutingPatcher}, the call a patch build makes: the rankings it returns are the health
 * stage's form of a fresh index's rankings, its files are the patched export, and a state that does
 * not know the export's size cannot patch.
 */
class RoutingPatcherTest {
  @TempDir Path tmp;

  @Test
  void patchesGiveTheFreshRankingsInTheHealthStagesForm() throws IOException {
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(Path.of("../shared/corpora/medium")));
    Set<String> triggers = new LinkedHashSet<>();
    skills.forEach(
        s -> {
          triggers.addAll(s.triggers().phrases());
          triggers.addAll(s.triggers().keywords());
        });
    Path site = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      SearchIndexWriter w = new SearchIndexWriter();
      w.write(
          new IndexContents(index),
          skills.stream().map(RoutingPatcherTest::display).toList(),
          site);
      RoutingPatcher.record(cache, index, triggers, w.termBytes(), "k");
    }
    int asked = 0;
    // ranked as if the edit added them: an added phrase is always ranked
    List<String> added = triggers.stream().limit(3).toList();
    for (int at : new int[] {3, 57, 3}) {
      Skill before = skills.get(at);
      Skill after =
          at == 57
              ? SkillEdits.descriptionWordReplaced(before)
              : SkillEdits.bodyWordReplaced(before);
      RoutingPatcher.Result r =
          RoutingPatcher.patch(
              cache,
              site,
              "k",
              List.of(new RoutingPatch.Change(before, after)),
              Map.of(after.id().value(), display(after)),
              added,
              List.of());
      assertInstanceOf(RoutingPatcher.Patched.class, r, r.toString());
      skills.set(at, after);
      try (RoutingPatcher.Patched p = (RoutingPatcher.Patched) r;
          RoutingIndex fresh = RoutingIndex.build(skills);
          RouterProbe probe = RouterProbe.sharing(fresh)) {
        for (var e : p.rankings().entrySet()) { // the health stage's own form of a ranking
          assertEquals(
              probe.rank(e.getKey()).stream()
                  .map(k -> new IndexAnswers.Ranked(k.id(), k.score()))
                  .toList(),
              e.getValue(),
              e.getKey());
        }
        asked += p.rankings().size();
        assertTrue(!p.files().isEmpty());
        for (var f : p.files().entrySet()) {
          Files.writeString(site.resolve(f.getKey()), f.getValue());
        }
        p.commit();
      }
    }
    assertTrue(asked > 0, "some rankings asked");
  }

  @Test
  void aStateWithoutTheExportSizeCannotPatch() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      RoutingPatch.write(tmp, index, List.of(), "k");
    }
    Skill after = SkillEdits.bodyWordReplaced(skills.get(0));
    RoutingPatcher.Result r =
        RoutingPatcher.patch(
            tmp,
            tmp.resolve("site"),
            "k",
            List.of(new RoutingPatch.Change(skills.get(0), after)),
            Map.of(after.id().value(), display(after)),
            List.of(),
            List.of());
    assertInstanceOf(RoutingPatcher.CannotPatch.class, r);
  }

  private static SearchIndexWriter.Display display(Skill s) {
    return new SearchIndexWriter.Display(
        s.id().value(), s.name(), "skills/" + s.id().value() + "/index.html", s.description());
  }
}
