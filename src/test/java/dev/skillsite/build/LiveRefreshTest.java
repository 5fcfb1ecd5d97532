package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.output.FileTrees;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --watch's quick path: one skill's pages refreshed in place, everything else left alone. */
class LiveRefreshTest {
  @TempDir Path tmp;
  private Path content;
  private Path out;
  private BuildPipeline pipeline;
  private LiveSite live;

  @BeforeEach
  void build() throws IOException {
    content = tmp.resolve("content");
    out = tmp.resolve("site");
    skill("alpha", "Use when the user asks to \"brew green tea\".", "Steep it for three minutes.");
    skill(
        "beta", "Use when the user asks to \"grind coffee beans\".", "Grind just before brewing.");
    Files.writeString(
        content.resolve("skills/alpha/references/water.md"),
        "# Water\n\nSoft water, 80 degrees.\n");
    pipeline = new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE, true);
    BuildResult first = pipeline.run(options());
    assertTrue(first.published());
    live = first.live().orElseThrow();
  }

  @Test
  void anEditedBodyIsRenderedInPlaceAndNothingElseIsWritten() throws IOException {
    Map<String, FileTime> times = times();
    SortedMap<String, String> before = SiteFingerprint.of(out);
    skill(
        "alpha",
        "Use when the user asks to \"brew green tea\".",
        "Steep it for three minutes. Never boil the leaves.");

    BuildResult r =
        pipeline.refresh(live, Set.of(content.resolve("skills/alpha/SKILL.md"))).orElseThrow();

    assertEquals(1, r.skills());
    assertEquals(2, r.pages(), "the skill page and its reference page");
    assertTrue(
        Files.readString(out.resolve("skills/alpha/index.html")).contains("Never boil the leaves"));
    assertEquals(
        List.of(
            "skills/alpha/SKILL.md differs",
            "skills/alpha/alpha.tar.gz differs",
            "skills/alpha/index.html differs"),
        SiteFingerprint.differences(before, SiteFingerprint.of(out)),
        "only the page, its raw copy and its archive change");
    Map<String, FileTime> after = times();
    times.forEach(
        (path, t) -> {
          if (!path.equals("skills/alpha/index.html")
              && !path.equals("skills/alpha/SKILL.md")
              && !path.equals("skills/alpha/alpha.tar.gz")) {
            assertEquals(t, after.get(path), path + " not rewritten");
          }
        });
    try (Stream<Path> siblings = Files.list(out.resolve("skills/alpha"))) {
      assertFalse(
          siblings.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")),
          "no temporary file left");
    }
  }

  @Test
  void anEditedReferenceAndAnEditorBackupFileAreEnough() throws IOException {
    Files.writeString(
        content.resolve("skills/alpha/references/water.md"),
        "# Water\n\nSoft water, 75 degrees.\n");
    BuildResult r =
        pipeline
            .refresh(
                live,
                Set.of(
                    content.resolve("skills/alpha/references/water.md"),
                    content.resolve("skills/alpha/references/water.md~")))
            .orElseThrow();
    assertEquals(2, r.pages());
    assertTrue(
        Files.readString(out.resolve("skills/alpha/ref/references/water.html"))
            .contains("75 degrees"));
  }

  @Test
  void aSwapFileTheEditorKeepsIsNotContent() throws IOException {
    Path swap = Files.writeString(content.resolve("skills/beta/.SKILL.md.swp"), "vim state");
    skill(
        "beta",
        "Use when the user asks to \"grind coffee beans\".",
        "Grind just before brewing, finely.");
    BuildResult r =
        pipeline.refresh(live, Set.of(swap, content.resolve("skills/beta/SKILL.md"))).orElseThrow();
    assertEquals(1, r.pages());
    assertTrue(Files.readString(out.resolve("skills/beta/index.html")).contains("finely"));
  }

  @Test
  void whenOneOfTwoEditedSkillsNeedsAFullBuildNeitherIsWritten() throws IOException {
    SortedMap<String, String> before = SiteFingerprint.of(out);
    skill("alpha", "Use when the user asks to \"brew green tea\".", "Steep it for four minutes.");
    Files.writeString(
        content.resolve("skills/beta/SKILL.md"), "---\nname: beta\n"); // unterminated frontmatter
    assertEquals(
        Optional.empty(),
        pipeline.refresh(
            live,
            Set.of(
                content.resolve("skills/alpha/SKILL.md"),
                content.resolve("skills/beta/SKILL.md"))));
    assertEquals(List.of(), SiteFingerprint.differences(before, SiteFingerprint.of(out)));
  }

  @Test
  void changesThatNeedAFullBuildAreDeclined() throws IOException {
    Path alpha = content.resolve("skills/alpha/SKILL.md");
    Files.writeString(content.resolve("skills/alpha/references/new.md"), "# New\n");
    assertEquals(
        Optional.empty(),
        pipeline.refresh(live, Set.of(content.resolve("skills/alpha/references/new.md"))),
        "a new reference file");
    Files.delete(content.resolve("skills/alpha/references/new.md"));

    Files.writeString(alpha, Files.readString(alpha).replace("name: alpha", "name: alpha-two"));
    assertEquals(Optional.empty(), pipeline.refresh(live, Set.of(alpha)), "a renamed skill");

    Files.writeString(alpha, "---\nname: alpha\ndescription: [unclosed\n---\nBody\n");
    assertEquals(Optional.empty(), pipeline.refresh(live, Set.of(alpha)), "a broken SKILL.md");

    Files.writeString(tmp.resolve("elsewhere.md"), "# Outside\n");
    assertEquals(
        Optional.empty(),
        pipeline.refresh(live, Set.of(tmp.resolve("elsewhere.md"))),
        "outside the content");
    assertEquals(
        Optional.empty(), pipeline.refresh(live, Set.of(content)), "lost events: the root itself");
    assertEquals(
        Optional.empty(),
        pipeline.refresh(live, Set.of(content.resolve("skillsite.yaml"))),
        "site settings");
  }

  @Test
  void aSymbolicLinkInThePublishedSiteIsNotWrittenThrough() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path page = out.resolve("skills/alpha");
    FileTrees.delete(page);
    Files.createSymbolicLink(page, outside);
    skill("alpha", "Use when the user asks to \"brew green tea\".", "Steep it for two minutes.");
    assertThrows(
        IOException.class,
        () -> pipeline.refresh(live, Set.of(content.resolve("skills/alpha/SKILL.md"))));
    try (Stream<Path> leaked = Files.list(outside)) {
      assertEquals(List.of(), leaked.toList(), "nothing written outside the output folder");
    }
  }

  @Test
  void aPlainBuildDoesNotHoldItsRenderedDocuments() throws IOException {
    BuildResult plain =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE).run(options());
    assertTrue(plain.published());
    assertEquals(Optional.empty(), plain.live(), "only a watching server keeps a live site");
  }

  @Test
  void aCancelledBuildLeavesTheSiteAsItWas() throws IOException {
    SortedMap<String, String> before = SiteFingerprint.of(out);
    skill("beta", "Use when the user asks to \"roast coffee\".", "Changed.");
    assertThrows(CancellationException.class, () -> pipeline.run(options(), () -> true));
    assertEquals(List.of(), SiteFingerprint.differences(before, SiteFingerprint.of(out)));
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertEquals(
          List.of("content", "site"),
          siblings.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  private BuildOptions options() {
    return new BuildOptions(content, out, Optional.empty(), true);
  }

  private Map<String, FileTime> times() throws IOException {
    Map<String, FileTime> m = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        m.put(out.relativize(f).toString(), Files.getLastModifiedTime(f));
      }
    }
    return m;
  }

  private void skill(String name, String description, String body) throws IOException {
    Files.createDirectories(
        TestSkills.write(content, name, description, body).resolveSibling("references"));
  }
}
