package dev.skillsite.search;

import static dev.skillsite.testing.SkillEdits.withDescription;
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

  /**
   * Trigger phrases added, reworded and removed, words new to the collection and words every skill
   * holds, on both norm layouts: each patch with the changed terms' entries spliced from the
   * published ones ({@link TermChunks#splice}) and, on a copy, made from all their postings; both
   * are the clean export (so a splice that wrote one posting, delta or norm differently fails), and
   * the spliced patch reads no published term's postings (a new term's: the changed skill's only).
   */
  private static final String TRIGGER = " Use when the user asks to \"%s\".";

  @Test
  void splicedEntriesAreTheCleanExportOnTriggerEdits() throws IOException {
    for (String corpus : List.of("anthropic", "large")) {
      List<Skill> all = CorpusSkills.load(Path.of("../shared/corpora/" + corpus));
      Path root = tmp.resolve(corpus);
      Sequence spliced = new Sequence(all, root.resolve("spliced"), true);
      Sequence remade = new Sequence(all, root.resolve("remade"), false);
      spliced.maxFiles = 400;
      remade.maxFiles = 400;
      int at = all.size() / 2;
      // a small collection's average lengths move with a word added: words replaced there
      List<UnaryOperator<Skill>> edits =
          corpus.equals("anthropic")
              ? List.of(
                  x -> SkillEdits.descriptionFirstWord(x, "zqxwobble"),
                  x -> SkillEdits.descriptionFirstWord(x, "skill"),
                  SkillEdits::descriptionWordReplaced,
                  SkillEdits::bodyWordReplaced)
              : List.of(
                  x -> withDescription(x, x.description() + TRIGGER.formatted("zqx wobble")),
                  x -> withDescription(x, x.description().replace("zqx wobble", "zqx the skill")),
                  x ->
                      withDescription(
                          x, x.description().replace(TRIGGER.formatted("zqx the skill"), "")),
                  x -> SkillEdits.descriptionFirstWord(x, "skill"),
                  SkillEdits::bodyWordReplaced);
      for (UnaryOperator<Skill> edit : edits) {
        spliced.edit(at, edit);
        remade.edit(at, edit);
        // a term new to the export is made from its postings: the changed skill's alone
        assertTrue(
            spliced.counts.getOrDefault("postings", 0L)
                <= spliced.counts.getOrDefault("remade", 0L) * SearchIndexWriter.SLOTS.size(),
            spliced.counts.toString());
        assertTrue(spliced.counts.getOrDefault("spliced", 0L) > 0, spliced.counts.toString());
        // every chunk read was split as written (no JSON tree), and is the clean export's
        assertEquals(
            spliced.counts.get("chunks"), spliced.counts.get("scanned"), spliced.counts.toString());
        assertEquals(
            remade.counts.get("terms"), remade.counts.get("remade"), remade.counts.toString());
      }
    }
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
    final boolean splice;
    int maxFiles = 12; // a word replaced; a norm that moves changes every term of the field
    long termBytes;
    int round;
    Map<String, Long> counts = Map.of();

    Sequence(List<Skill> skills, Path tmp) throws IOException {
      this(skills, tmp, ExportPatch.SPLICE);
    }

    Sequence(List<Skill> skills, Path tmp, boolean splice) throws IOException {
      this.splice = splice;
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
        ExportPatch export = new ExportPatch(splice);
        ExportPatch.Files files =
            export
                .patch(site, p, Map.of(after.id().value(), display(after)), termBytes)
                .orElseThrow();
        counts = Map.copyOf(export.counts());
        for (var e : files.changed().entrySet()) {
          Files.writeString(site.resolve(e.getKey()), e.getValue());
        }
        termBytes = files.termBytes();
        p.commit();
        assertTrue(
            !files.changed().isEmpty() && files.changed().size() < maxFiles,
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
