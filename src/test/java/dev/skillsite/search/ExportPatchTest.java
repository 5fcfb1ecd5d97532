package dev.skillsite.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.IndexContents;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ExportPatch}: after each of a sequence of single-skill edits, the browser search export
 * patched in place (only the files it names written) is byte for byte the export a clean write of
 * the edited collection makes, on a small collection (norms in the manifest) and on {@code large}
 * (norms beside the postings); and it names only a few files.
 */
class ExportPatchTest {
  private static final String KEY = "k";

  @TempDir Path tmp;

  @Test
  void anthropicPatchedExportIsTheCleanExport() throws IOException {
    Sequence s = new Sequence(CorpusSkills.load(Path.of("../shared/corpora/anthropic")), tmp);
    s.edit(1, SkillEdits::bodyWordReplaced);
    s.edit(5, SkillEdits::descriptionWordReplaced);
    s.edit(1, SkillEdits::bodyWordReplaced);
  }

  @Test
  void largePatchedExportIsTheCleanExport() throws IOException {
    Sequence s = new Sequence(CorpusSkills.load(Path.of("../shared/corpora/large")), tmp);
    s.edit(10, SkillEdits::bodyWordReplaced);
    s.edit(300, SkillEdits::descriptionWordReplaced);
  }

  private static SearchIndexWriter.Display display(Skill s) {
    return new SearchIndexWriter.Display(
        s.id().value(), s.name(), "skills/" + s.id().value() + "/index.html", s.description());
  }

  private static final class Sequence {
    final List<Skill> skills;
    final Path site;
    final Path cache;
    final Path tmp;
    long termBytes;
    int round;

    Sequence(List<Skill> skills, Path tmp) throws IOException {
      this.skills = new ArrayList<>(skills);
      this.tmp = tmp;
      this.site = tmp.resolve("site");
      this.cache = tmp.resolve("cache");
      try (RoutingIndex index = RoutingIndex.build(skills)) {
        SearchIndexWriter w = new SearchIndexWriter();
        w.write(
            new IndexContents(index), skills.stream().map(ExportPatchTest::display).toList(), site);
        termBytes = w.termBytes();
        RoutingPatch.write(cache, index, List.of(), KEY);
      }
    }

    void edit(int at, UnaryOperator<Skill> edit) throws IOException {
      Skill before = skills.get(at);
      Skill after = edit.apply(before);
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache, KEY, List.of(new RoutingPatch.Change(before, after)), List.of(), List.of(), 5);
      assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
      try (RoutingPatch.Patched p = (RoutingPatch.Patched) o) {
        ExportPatch.Files files =
            new ExportPatch()
                .patch(site, p, Map.of(after.id().value(), display(after)), termBytes)
                .orElseThrow();
        for (var e : files.changed().entrySet()) {
          Files.writeString(site.resolve(e.getKey()), e.getValue());
        }
        termBytes = files.termBytes();
        p.commit();
        assertTrue(
            !files.changed().isEmpty() && files.changed().size() < 12,
            files.changed().keySet().toString());
      }
      skills.set(at, after);
      Path clean = tmp.resolve("clean" + round++);
      try (RoutingIndex index = RoutingIndex.build(skills)) {
        SearchIndexWriter w = new SearchIndexWriter();
        w.write(
            new IndexContents(index),
            skills.stream().map(ExportPatchTest::display).toList(),
            clean);
        assertEquals(w.termBytes(), termBytes, "term data size carried");
      }
      assertEquals(files(clean), files(site));
    }
  }

  /** Every file under a folder, by relative path. */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readString(p));
      }
    }
    return out;
  }
}
