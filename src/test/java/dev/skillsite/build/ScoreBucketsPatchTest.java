package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.model.SkillId;
import dev.skillsite.output.OutputLock;
import dev.skillsite.site.HealthState;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.SiteLayout;
import dev.skillsite.site.SkillPagesPatch;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phrase shared by replicas of one skill, reworded in one replica: the word's statistics move, so
 * every sharer's collision rows get other scores. The pages show who wins and a margin ({@link
 * RoutingHealthView#SCORE_BUCKETS}), so a sharer whose rows keep their winner and margin has its
 * page neither made nor written by the patch (the same file, not a copy of it), while its health
 * record takes the new scores; and the patched site is the clean build's. With the knob off, every
 * sharer's page is made again.
 */
class ScoreBucketsPatchTest {
  private static final Path CORPUS = Path.of("../shared/corpora/anthropic");
  private static final int REPLICAS = 6;
  private static final Pattern OTHERS =
      Pattern.compile(
          "others' pages: (\\d+) asked, (\\d+) made, (\\d+) identical, (\\d+) health sections"
              + " spliced, (\\d+) alike as shown");

  @TempDir Path tmp;

  @Test
  void aScoreThatMovesInsideItsMarginLeavesTheOtherSharersPagesUntouched() throws IOException {
    Path content = tmp.resolve("content");
    Trees.copy(CORPUS, content);
    Path original = content.resolve("skills/slack-gif-creator");
    String text = Files.readString(original.resolve("SKILL.md"));
    List<SkillId> sharers = new ArrayList<>(List.of(new SkillId("slack-gif-creator")));
    for (int i = 1; i <= REPLICAS; i++) {
      Path dir = content.resolve("skills/slack-gif-creator-" + i);
      Trees.copy(original, dir);
      Files.writeString(
          dir.resolve("SKILL.md"),
          text.replace("name: slack-gif-creator", "name: slack-gif-creator-" + i));
      if (i != 3) {
        sharers.add(new SkillId("slack-gif-creator-" + i));
      }
    }
    Path out = tmp.resolve("site");
    run(content, out, Optional.empty());
    Map<SkillId, Object> files = new LinkedHashMap<>();
    Map<SkillId, List<RoutingHealthView.SkillHealth>> before = new LinkedHashMap<>();
    try (SkillPagesPatch.State pages = SkillPagesPatch.State.open(out).orElseThrow()) {
      for (SkillId id : sharers) {
        files.put(id, key(out.resolve(SiteLayout.skill(id))));
        before.put(id, pages.health(id).orElseThrow());
      }
    }
    Path file = content.resolve("skills/slack-gif-creator-3/SKILL.md");
    Files.writeString(file, Files.readString(file).replace("\"make me a GIF", "\"draw me a GIF"));
    BuildResult r = run(content, out, Optional.of(List.of(file)));
    assertTrue(r.patch().taken(), r.patch().toString());
    Matcher m = OTHERS.matcher(r.patch().steps());
    assertTrue(m.find(), r.patch().steps());
    int asked = Integer.parseInt(m.group(1));
    int alike = Integer.parseInt(m.group(5));
    assertTrue(asked >= REPLICAS - 1, m.group());

    List<SkillId> untouched = new ArrayList<>();
    int movedInside = 0;
    try (HealthState health = HealthState.open(out).orElseThrow()) {
      for (SkillId id : sharers) {
        if (!key(out.resolve(SiteLayout.skill(id))).equals(files.get(id))) {
          continue;
        }
        untouched.add(id);
        Optional<List<RoutingHealthView.SkillHealth>> now = health.patchedSection(id);
        if (now.isPresent() && !now.get().equals(before.get(id))) {
          movedInside++; // its record's scores moved; its page reads the same
          assertEquals(shown(before.get(id)), shown(now.get()), id.value());
        }
      }
    }
    if (RoutingHealthView.SCORE_BUCKETS) {
      assertTrue(alike > 0, m.group());
      // every page not made is untouched: no sharer's page written but the ones made
      assertEquals(alike, movedInside, untouched + " " + m.group());
      assertEquals(sharers.size() - (asked - alike), untouched.size(), m.group());
    } else {
      assertEquals(0, alike, m.group());
      assertEquals(0, movedInside, untouched.toString());
    }
    Path clean = tmp.resolve("clean");
    run(content, clean, Optional.empty());
    assertEquals(
        List.of(),
        SiteFingerprint.differences(
            SiteFingerprint.ofPatched(clean), SiteFingerprint.ofPatched(out)));
  }

  private static List<RoutingHealthView.SkillHealth> shown(List<RoutingHealthView.SkillHealth> s) {
    return s.stream().map(RoutingHealthView.SkillHealth::shown).toList();
  }

  /** The file's identity and time: a page written again (a new file moved in) has another. */
  private static Object key(Path p) throws IOException {
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    return List.of(String.valueOf(a.fileKey()), a.lastModifiedTime().toString());
  }

  private static BuildResult run(Path content, Path site, Optional<List<Path>> changed)
      throws IOException {
    BuildResult r =
        new PatchBuild(
                () -> new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE),
                Optional.empty(),
                OutputLock.Policy.build())
            .run(new BuildOptions(content, site, Optional.empty(), true, true), changed);
    assertTrue(r.published());
    return r;
  }
}
