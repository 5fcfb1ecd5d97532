package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.cache.BuildCache;
import dev.skillsite.cache.CacheKey;
import dev.skillsite.search.SearchIndexWriter.Display;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.SiteFingerprint;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build cache: a build in a new pipeline (as a new process would run it) renders again only the
 * documents whose source or links changed, and the site is byte for byte what a clean build makes,
 * the cache included.
 */
class BuildCacheTest {
  private static final String CACHE = ".skillsite-cache/documents.bin";
  @TempDir Path tmp;
  private Path content;
  private Path out;

  @BeforeEach
  void content() throws IOException {
    content = tmp.resolve("content");
    out = tmp.resolve("site");
    TestSkills.write(
        content,
        "alpha",
        "Use when the user asks to \"brew green tea\".",
        "Steep it for three minutes. See [the grind](../beta/SKILL.md#grind-size) and the beta skill.\n\n"
            + "## Water\n\nSoft water.");
    TestSkills.write(
        content,
        "beta",
        "Use when the user asks to \"grind coffee beans\".",
        "## Grind size\n\nFine for espresso. See [notes](references/notes.md).");
    Path notes = content.resolve("skills/beta/references/notes.md");
    Files.createDirectories(notes.getParent());
    Files.writeString(
        notes,
        "# Notes\n\nBurr grinders heat the beans less. Back to [alpha](../../alpha/SKILL.md).\n");
  }

  @Test
  void aRebuildRendersOnlyWhatChangedAndMakesWhatACleanBuildMakes() throws IOException {
    BuildResult first = build(out, true);
    assertEquals(new BuildResult.Documents(3, 0), first.documents());
    assertTrue(Files.isRegularFile(out.resolve(CACHE)));

    assertFalse(first.indexReused());
    assertFalse(first.answersReused());
    assertTrue(Files.isRegularFile(out.resolve(BuildCache.INDEX_ANSWERS)));
    BuildResult same = build(out, true);
    assertEquals(
        new BuildResult.Documents(3, 3), same.documents(), "nothing changed: nothing rendered");
    assertTrue(same.indexReused(), "nothing changed: the routing index is the last one");
    assertTrue(
        same.answersReused(), "nothing changed: no trigger probed, no similarity computed again");
    assertTrue(same.searchReused(), "nothing changed: the browser search export is the last one");
    assertSameAsClean();

    Files.writeString(
        content.resolve("skills/beta/references/notes.md"),
        "\nConical burrs are quieter.\n",
        java.nio.file.StandardOpenOption.APPEND);
    BuildResult reference = build(out, true);
    assertEquals(
        new BuildResult.Documents(3, 2), reference.documents(), "the edited reference is rendered");
    assertTrue(reference.indexReused(), "references are not in the routing index");
    assertTrue(reference.answersReused());
    assertTrue(reference.searchReused());
    assertSameAsClean();

    TestSkills.write(
        content,
        "alpha",
        "Use when the user asks to \"brew green tea\".",
        "Steep it for three minutes. See [the grind](../beta/SKILL.md#grind-size) and the beta skill.\n\n"
            + "## Water\n\nSoft water, never boiling.");
    BuildResult skill = build(out, true);
    assertEquals(
        new BuildResult.Documents(3, 2), skill.documents(), "the edited SKILL.md is rendered");
    assertFalse(skill.indexReused(), "a skill changed: the routing index is built again");
    assertFalse(skill.answersReused(), "and asked again");
    assertFalse(skill.searchReused(), "and exported again");
    assertSameAsClean();
  }

  /**
   * The search export is used again only as it was written: a file changed in place (same size),
   * removed, or a list that names a path the export never writes, and it is written again, as a
   * clean build writes it.
   */
  @Test
  void aSearchExportThatIsNotAsListedIsWrittenAgain() throws IOException {
    build(out, true);
    assertTrue(build(out, true).searchReused());

    flipAByteOf(out.resolve("search/manifest.js"), 0x01);
    BuildResult damaged = build(out, true);
    assertTrue(damaged.indexReused());
    assertFalse(damaged.searchReused(), "a changed file: written again");
    assertSameAsClean();

    try (var chunks = Files.list(out.resolve("search/t"))) {
      Files.delete(chunks.findFirst().orElseThrow());
    }
    assertFalse(build(out, true).searchReused(), "a missing file: written again");
    assertSameAsClean();

    Path list = out.resolve(BuildCache.SEARCH_EXPORT);
    String held = Files.readString(list);
    Files.delete(list);
    Files.writeString(list, held.replace("search/manifest.js", "search/../index.html"));
    assertFalse(
        build(out, true).searchReused(), "a path outside the export: the list is not trusted");
    assertSameAsClean();

    assertTrue(build(out, true).searchReused(), "written again, then listed again");
  }

  /** What a result shows per skill is in the export's key, beside the routing index's. */
  @Test
  void theSearchExportKeyHoldsWhatResultsShow() {
    var one = new Display("a", "a", "skills/a/index.html", "one");
    var two = new Display("a", "a", "skills/a/index.html", "two");
    assertEquals(
        BuildCache.searchKey(new CacheKey("k"), List.of(one)),
        BuildCache.searchKey(new CacheKey("k"), List.of(one)));
    assertNotEquals(
        BuildCache.searchKey(new CacheKey("k"), List.of(one)),
        BuildCache.searchKey(new CacheKey("k"), List.of(two)));
    assertNotEquals(
        BuildCache.searchKey(new CacheKey("k"), List.of(one)),
        BuildCache.searchKey(new CacheKey("k2"), List.of(one)));
    // fields are length-prefixed: moving text from one field to the next is another key
    var split = new Display("a", "ab", "c", "d");
    var moved = new Display("a", "a", "bc", "d");
    assertNotEquals(
        BuildCache.searchKey(new CacheKey("k"), List.of(split)),
        BuildCache.searchKey(new CacheKey("k"), List.of(moved)));
  }

  @Test
  void aRoutingIndexThatDoesNotMatchItsKeyIsBuiltAgain() throws IOException {
    build(out, true);
    // the key says "same skills", but the index files are another collection's
    Path other = tmp.resolve("other");
    TestSkills.write(
        other, "gamma", "Use when the user asks to \"bake sourdough\".", "Feed the starter.");
    Path otherSite = tmp.resolve("other-site");
    new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(other, otherSite, Optional.empty(), true, true));
    Path lucene = out.resolve(BuildPipeline.LUCENE_DIR);
    try (var files = Files.list(lucene)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    try (var files = Files.list(otherSite.resolve(BuildPipeline.LUCENE_DIR))) {
      for (Path f : files.toList()) {
        Files.copy(f, lucene.resolve(f.getFileName()));
      }
    }

    BuildResult again = build(out, true);

    assertFalse(again.indexReused());
    assertSameAsClean();

    // the right index, one byte damaged
    Path biggest;
    try (var files = Files.list(lucene)) {
      biggest =
          files.max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }
    flipAByteOf(biggest, 0x10);
    assertFalse(build(out, true).indexReused());
    assertSameAsClean();
  }

  @Test
  void aDocumentWhoseLinkBrokeIsRenderedAgain() throws IOException {
    build(out, true);
    TestSkills.write(
        content,
        "beta",
        "Use when the user asks to \"grind coffee beans\".",
        "## Burr choice\n\nFine for espresso. See [notes](references/notes.md).");

    BuildResult again = build(out, true);

    // beta changed; alpha did not, but the heading it links to is gone: both are rendered
    assertEquals(new BuildResult.Documents(3, 1), again.documents());
    assertTrue(
        again.diagnostics().stream()
            .anyMatch(
                d ->
                    d.pos().path().equals("skills/alpha/SKILL.md")
                        && d.message().contains("missing anchor")),
        again.diagnostics().toString());
    assertSameAsClean();
  }

  @Test
  void aDamagedOrTruncatedCacheIsIgnored() throws IOException {
    build(out, true);
    Path cache = out.resolve(CACHE);
    flipAByteOf(cache, 0x20);
    assertEquals(new BuildResult.Documents(3, 0), build(out, true).documents());
    assertSameAsClean();

    Files.write(cache, java.util.Arrays.copyOf(Files.readAllBytes(cache), 100));
    assertEquals(new BuildResult.Documents(3, 0), build(out, true).documents());
    assertSameAsClean();

    flipAByteOf(out.resolve(BuildCache.INDEX_ANSWERS), 0x01);
    BuildResult damaged = build(out, true);
    assertTrue(damaged.indexReused());
    assertFalse(damaged.answersReused(), "damaged answers are asked again");
    assertSameAsClean();
  }

  @Test
  void withoutTheCacheNothingIsReadOrWritten() throws IOException {
    build(out, true);
    BuildResult plain = build(out, false);
    assertEquals(new BuildResult.Documents(3, 0), plain.documents());
    assertFalse(plain.indexReused());
    assertFalse(Files.exists(out.resolve(".skillsite-cache")));
  }

  /**
   * Pages are kept without rendering only while the templates are the same: an edit of a user's
   * template renders every page again, and the site is what a clean build with it makes.
   */
  @Test
  void aTemplateEditRendersThePagesAgain() throws IOException {
    Path templates = tmp.resolve("templates");
    Files.createDirectories(templates);
    Files.copy(Path.of("templates/layout.peb"), templates.resolve("layout.peb"));
    SiteGenerator generator = new SiteGenerator(Optional.of(templates));
    BuildOptions options = new BuildOptions(content, out, Optional.empty(), true, true);
    // content as a checkout leaves it: a file modified in the last 2 s is not trusted by its stamp
    // (SkillArchives' racy-clean rule), so beta's archive would be made again whenever this test
    // runs within 2 s of writing its content (a warm JVM, after another test: it was
    // order-dependent)
    agedContent();
    new BuildPipeline(generator, Progress.NONE).run(options);
    BuildResult same = new BuildPipeline(generator, Progress.NONE).run(options);
    assertTrue(same.output().notRendered() >= same.pages(), "nothing changed: nothing rendered");
    assertTrue(same.output().inPlace());

    Files.writeString(
        templates.resolve("layout.peb"),
        Files.readString(templates.resolve("layout.peb")).replace("</body>", "<!-- v2 --></body>"));
    SiteGenerator edited = new SiteGenerator(Optional.of(templates));
    BuildResult again = new BuildPipeline(edited, Progress.NONE).run(options);
    assertEquals(0, again.output().notRendered(), "another layout: every page rendered");
    assertTrue(
        Files.readString(out.resolve("index.html")).contains("<!-- v2 -->"), "the new layout");
    Path clean = Files.createTempDirectory(tmp, "clean").resolve("site");
    new BuildPipeline(edited, Progress.NONE)
        .run(new BuildOptions(content, clean, Optional.empty(), true, true));
    assertEquals(
        List.of(), SiteFingerprint.differences(SiteFingerprint.of(clean), SiteFingerprint.of(out)));
  }

  /** Sets every content file's modification time a minute back. */
  private void agedContent() throws IOException {
    java.nio.file.attribute.FileTime minuteAgo =
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    try (var files = Files.walk(content)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(p, minuteAgo);
      }
    }
  }

  /** Changes one byte in the middle of a published file, its size unchanged. */
  private static void flipAByteOf(Path file, int bits) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= (byte) bits;
    Files.delete(
        file); // a new file: the published one may be a hard link shared with the clean sites
    Files.write(file, bytes);
  }

  private BuildResult build(Path site, boolean cache) throws IOException {
    BuildResult r =
        new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
            .run(new BuildOptions(content, site, Optional.empty(), true, cache));
    assertTrue(r.published());
    return r;
  }

  private void assertSameAsClean() throws IOException {
    Path clean = Files.createTempDirectory(tmp, "clean").resolve("site");
    assertEquals(new BuildResult.Documents(3, 0), build(clean, true).documents());
    assertEquals(
        List.of(), SiteFingerprint.differences(SiteFingerprint.of(clean), SiteFingerprint.of(out)));
  }
}
