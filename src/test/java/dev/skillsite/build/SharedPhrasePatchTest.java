package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SkillPagesPatch;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trigger phrase that many skills share (the replicas of the 10x and 100x corpora: one skill
 * copied under other names), reworded in one of them: every other sharer's routing health section
 * shows the phrase's collision rows and scores, so its page is made again. Each patch build is the
 * clean build's, byte for byte, and those pages are the published ones with the section spliced
 * ({@link SkillPagesPatch#spliceHealth}): counted in the patch's steps.
 */
class SharedPhrasePatchTest {
  private static final Path CORPUS = Path.of("../shared/corpora/anthropic");
  private static final int REPLICAS = 6;
  private static final Pattern SPLICED =
      Pattern.compile(
          "others' pages: (\\d+) asked, (\\d+) made, (\\d+) identical, (\\d+) health sections"
              + " spliced, (\\d+) alike as shown");

  @TempDir Path tmp;

  @Test
  void aSharedPhraseRewordedSplicesTheOtherSharersSections() throws IOException {
    edits(Optional.empty(), true);
  }

  /**
   * A templates folder whose templates are ours byte for byte (a build run where ours are, as the
   * benchmarks are) splices too; one whose health partial differs makes the pages whole, and both
   * are the clean build's.
   */
  @Test
  void aTemplatesFolderSplicesOnlyWhenItsTemplatesAreOurs() throws IOException {
    Path ours = tmp.resolve("ours");
    Trees.copy(Path.of("templates"), ours);
    edits(Optional.of(ours), true);
    Path theirs = tmp.resolve("theirs");
    Trees.copy(Path.of("templates"), theirs);
    Path partial = theirs.resolve("partials/skill-health.peb");
    Files.writeString(
        partial,
        Files.readString(partial).replace("<h3>Findings</h3>", "<h3>What check found</h3>"));
    edits(Optional.of(theirs), false);
  }

  private void edits(Optional<Path> templates, boolean splices) throws IOException {
    Path content = Files.createTempDirectory(tmp, "content");
    Trees.copy(CORPUS, content);
    Path original = content.resolve("skills/slack-gif-creator");
    String text = Files.readString(original.resolve("SKILL.md"));
    for (int i = 1; i <= REPLICAS; i++) {
      Path dir = content.resolve("skills/slack-gif-creator-" + i);
      Trees.copy(original, dir);
      Files.writeString(
          dir.resolve("SKILL.md"),
          text.replace("name: slack-gif-creator", "name: slack-gif-creator-" + i));
    }
    Path out = Files.createTempDirectory(tmp, "site");
    run(content, out, Optional.empty(), templates);
    String[][] edits = {
      {"3", "\"make me a GIF", "\"draw me a GIF"},
      {"3", "\"draw me a GIF", "\"make me a GIF"},
      {"5", "\"make me a GIF", "\"film me a GIF"},
    };
    int splicedAll = 0;
    for (String[] e : edits) {
      Path file = content.resolve("skills/slack-gif-creator-" + e[0] + "/SKILL.md");
      String was = Files.readString(file);
      assertTrue(was.contains(e[1]), e[1]);
      Files.writeString(file, was.replace(e[1], e[2]));
      BuildResult r = run(content, out, Optional.of(List.of(file)), templates);
      String at = e[0] + ": " + e[1] + " -> " + e[2] + ": " + r.patch();
      assertTrue(r.patch().taken(), at);
      Matcher m = SPLICED.matcher(r.patch().steps());
      assertTrue(m.find(), at);
      int asked = Integer.parseInt(m.group(1));
      int spliced = Integer.parseInt(m.group(4));
      int alike = Integer.parseInt(m.group(5));
      System.out.println(e[0] + ": " + e[1] + " -> " + e[2] + ": " + m.group());
      // the sharers (the original and the other replicas) show the phrase's rows and scores
      assertTrue(asked >= REPLICAS - 1, at);
      if (!RoutingHealthView.SCORE_BUCKETS || !splices) {
        alike = 0; // every page asked is made (a user's templates may show the scores)
        assertEquals(0, Integer.parseInt(m.group(5)), at);
      }
      if (SkillPagesPatch.SPLICE_HEALTH && splices) {
        // every page asked for its health section alone is spliced or, when it shows the same
        // winners and margins, not made at all; none made whole
        assertEquals(asked, spliced + alike, at);
      } else {
        assertEquals(0, spliced, at);
      }
      splicedAll += spliced + alike;
      assertClean(content, out, at, templates);
    }
    assertTrue(
        !SkillPagesPatch.SPLICE_HEALTH || !splices || splicedAll >= 3 * (REPLICAS - 1),
        "" + splicedAll);
  }

  private void assertClean(Path content, Path out, String at, Optional<Path> templates)
      throws IOException {
    Path clean = Files.createTempDirectory(tmp, "clean").resolve("site");
    run(content, clean, Optional.empty(), templates);
    assertEquals(
        List.of(),
        SiteFingerprint.differences(
            SiteFingerprint.ofPatched(clean), SiteFingerprint.ofPatched(out)),
        at);
  }

  private static BuildResult run(
      Path content, Path site, Optional<List<Path>> changed, Optional<Path> templates)
      throws IOException {
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(templates), Progress.NONE),
                templates,
                OutputLock.Policy.build())
            .run(new BuildOptions(content, site, Optional.empty(), true, true), changed);
    assertTrue(r.published());
    return r;
  }
}
