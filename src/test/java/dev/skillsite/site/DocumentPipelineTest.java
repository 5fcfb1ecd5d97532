package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents are parsed once and in parallel, so a link to another document's anchor is rendered
 * before that document may have been read: the result must still be what the complete link table
 * gives.
 */
class DocumentPipelineTest {
  @TempDir Path tmp;

  @RepeatedTest(3) // rendering order varies between runs of the parallel stream
  void linksToOtherDocumentsAnchorsAreCheckedOnceEveryDocumentIsKnown() throws IOException {
    Catalog catalog =
        new CatalogFixture()
            .skill("a-skill")
            .description("Use when the user asks to \"do a\".")
            .body(
                "# A\n\n## Own part\n\n[present](../b-skill/SKILL.md#usage), [absent](../b-skill/SKILL.md#nope), "
                    + "[folder](../b-skill/#usage), [deep](../b-skill/references/more.md#details), "
                    + "[deep absent](../b-skill/references/more.md#gone), [own](#own-part), [own absent](#missing)\n")
            .add()
            .skill("b-skill")
            .description("Use when the user asks to \"do b\".")
            .body("# B\n\n## Usage\n\nSee [A](../a-skill/SKILL.md#own-part).\n")
            .reference("references/more.md", "More", "# More\n\n## Details\n\nText.\n")
            .add()
            .catalog();
    SiteReport report =
        new SiteGenerator(Optional.empty())
            .generate(new SiteInput(catalog, Map.of(), Optional.empty()), tmp.resolve("site"));

    var page = Jsoup.parse(tmp.resolve("site/skills/a-skill/index.html").toFile(), "UTF-8");
    Map<String, String> hrefs = new java.util.LinkedHashMap<>();
    page.select("#ss-body a").forEach(a -> hrefs.putIfAbsent(a.text(), a.attr("href")));
    assertEquals(
        Map.of(
            "present", "../b-skill/index.html#usage",
            "absent", "../b-skill/index.html",
            "folder", "../b-skill/index.html#usage",
            "deep", "../b-skill/ref/references/more.html#details",
            "deep absent", "../b-skill/ref/references/more.html",
            "own", "#own-part"),
        Map.copyOf(hrefs)); // "own absent" is left as text
    assertEquals(
        List.of(
            "skills/a-skill/SKILL.md:9:39: warning: link to a missing anchor: ../b-skill/SKILL.md#nope",
            "skills/a-skill/SKILL.md:9:151: warning: link to a missing anchor: ../b-skill/references/more.md#gone",
            "skills/a-skill/SKILL.md:9:220: warning: link to a missing anchor: #missing"),
        report.diagnostics().stream().map(Diagnostic::format).toList());
    var b = Jsoup.parse(tmp.resolve("site/skills/b-skill/index.html").toFile(), "UTF-8");
    assertEquals(
        "../a-skill/index.html#own-part", b.select("#ss-body a:contains(A)").first().attr("href"));
  }

  private static final DocumentPipeline PIPELINE =
      new DocumentPipeline(new dev.skillsite.markdown.MarkdownRenderer());

  /**
   * A SKILL.md body as a registry's build loads it: read again from its file when asked for. The
   * documents waiting to be rendered (every skill's, until every anchor is known) must not hold it,
   * so {@link DocumentPipeline#sources} hands on the skill's own text without reading it; the
   * renderer reads it when it needs it, again for a draft that relied on an anchor that is not
   * there, and the site is byte for byte the one a held body gives.
   */
  @Test
  void aBodyReadAgainFromItsFileIsNotHeldWhileWaitingAndRendersAsAHeldOne() throws IOException {
    String body =
        "# A\n\n## Own part\n\n[present](../b-skill/SKILL.md#usage), "
            + "[absent](../b-skill/SKILL.md#nope), [own](#own-part)\n";
    Catalog held =
        new CatalogFixture()
            .skill("a-skill")
            .description("Use when the user asks to \"do a\".")
            .body(body)
            .add()
            .skill("b-skill")
            .description("Use when the user asks to \"do b\".")
            .body("# B\n\n## Usage\n\nSee [A](../a-skill/SKILL.md#own-part).\n")
            .add()
            .catalog();
    java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();
    List<dev.skillsite.model.Skill> skills =
        held.skills().stream()
            .map(
                s ->
                    s.name().equals("a-skill")
                        ? new dev.skillsite.model.Skill(
                            s.id(),
                            s.name(),
                            s.description(),
                            s.source(),
                            s.collectionId(),
                            s.frontmatter(),
                            dev.skillsite.model.MarkdownText.reread(
                                body,
                                () -> {
                                  reads.incrementAndGet();
                                  return new String(body.toCharArray());
                                }),
                            s.bodyLine(),
                            s.references(),
                            s.triggers(),
                            s.declaredRelated())
                        : s)
            .toList();
    dev.skillsite.model.Skill a = skills.get(0);
    var sources = DocumentPipeline.sources(a);
    assertSame(a.bodyText(), sources.get(0).text());
    assertEquals(0, reads.get(), "listing a skill's documents reads none of them");

    Catalog reread =
        new Catalog(
            held.config(), held.collections(), skills, held.skippedSources(), held.diagnostics());
    SiteGenerator generator = new SiteGenerator(Optional.empty());
    SiteReport one =
        generator.generate(new SiteInput(held, Map.of(), Optional.empty()), tmp.resolve("held"));
    SiteReport two =
        generator.generate(new SiteInput(reread, Map.of(), Optional.empty()), tmp.resolve("read"));
    assertTrue(reads.get() >= 2, "scanned, then rendered: read " + reads.get() + " times");
    assertEquals(
        one.diagnostics().stream().map(Diagnostic::format).toList(),
        two.diagnostics().stream().map(Diagnostic::format).toList());
    assertEquals(1, two.diagnostics().size()); // the missing anchor: its draft was rendered again
    try (var files = Files.walk(tmp.resolve("held"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path other = tmp.resolve("read").resolve(tmp.resolve("held").relativize(f));
        assertTrue(
            java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(other)),
            "same bytes: " + f);
      }
    }
  }

  @Test
  void theMentionScanOfAnUnchangedDocumentIsTheLastBuildsAndAnEditedOneIsScannedAgain()
      throws IOException {
    ContentFiles files = new ContentFiles(Optional.empty());
    String a = "# A\n\nPair it with b-skill for the rest.\n";
    String b = "# B\n\nNothing to see.\n";
    DocumentPipeline.Result first = PIPELINE.render(skills(a, b), files);
    String aPath = "skills/a-skill/SKILL.md";
    String bPath = "skills/b-skill/SKILL.md";
    assertTrue(
        first.memos().get(aPath).prose().contains("b-skill"),
        first.memos().get(aPath).prose().toString());

    // b mentions a now: b is scanned again, a's terms are the last build's own set
    String b2 = "# B\n\nStart from a-skill.\n";
    DocumentPipeline.Result next =
        PIPELINE.render(skills(a, b2), files, () -> false, Optional.of(first.reusable()));
    assertSame(
        first.memos().get(aPath).prose(), next.memos().get(aPath).prose(), "a: not scanned again");
    assertNotSame(first.memos().get(bPath).prose(), next.memos().get(bPath).prose());
    assertTrue(
        next.memos().get(bPath).prose().contains("a-skill"),
        next.memos().get(bPath).prose().toString());
    assertEquals(rendered(PIPELINE.render(skills(a, b2), files)), rendered(next));
  }

  private static List<dev.skillsite.model.Skill> skills(String aBody, String bBody) {
    return new CatalogFixture()
        .skill("a-skill")
        .description("Use when the user asks to \"do a\".")
        .body(aBody)
        .add()
        .skill("b-skill")
        .description("Use when the user asks to \"do b\".")
        .body(bBody)
        .add()
        .catalog()
        .skills();
  }

  /** What each document renders to: HTML, contents, mentions and diagnostics. */
  private static List<String> rendered(DocumentPipeline.Result r) {
    return r.skills().stream()
        .map(
            s ->
                s.body().html().html()
                    + s.body().toc()
                    + s.body().mentions()
                    + s.body().diagnostics())
        .toList();
  }

  @Test
  void aWatchingServersNextBuildUsesUnchangedDocumentsAgainAndGetsWhatAFreshBuildGets()
      throws IOException {
    Path content = tmp.resolve("content");
    Files.createDirectories(content.resolve("skills/a-skill"));
    ContentFiles files = new ContentFiles(Optional.of(content));
    String a = "# A\n\n## Own part\n\n![pic](pic.png)\n";
    String b = "# B\n\nSee [A](../a-skill/SKILL.md#own-part).\n";
    DocumentPipeline.Result first = PIPELINE.render(skills(a, b), files);

    DocumentPipeline.Result same =
        PIPELINE.render(skills(a, b), files, () -> false, Optional.of(first.reusable()));
    assertSame(
        first.skills().get(0).body(), same.skills().get(0).body(), "nothing changed: used again");
    assertSame(first.skills().get(1).body(), same.skills().get(1).body());

    // a's heading goes: a is rendered anew, and b, whose link relied on it, too
    String a2 = "# A\n\n## Other part\n\n![pic](pic.png)\n";
    DocumentPipeline.Result edited =
        PIPELINE.render(skills(a2, b), files, () -> false, Optional.of(same.reusable()));
    assertNotSame(same.skills().get(0).body(), edited.skills().get(0).body());
    assertNotSame(same.skills().get(1).body(), edited.skills().get(1).body());
    assertEquals(rendered(PIPELINE.render(skills(a2, b), files)), rendered(edited));
    assertTrue(
        edited.skills().get(1).body().html().html().contains("href=\"../a-skill/index.html\""));

    // the picture appears: a's source is the same, but the link table answers otherwise, so a is
    // rendered anew
    Files.write(content.resolve("skills/a-skill/pic.png"), new byte[] {1, 2, 3});
    DocumentPipeline.Result pictured =
        PIPELINE.render(skills(a2, b), files, () -> false, Optional.of(edited.reusable()));
    assertNotSame(edited.skills().get(0).body(), pictured.skills().get(0).body());
    assertSame(
        edited.skills().get(1).body(),
        pictured.skills().get(1).body(),
        "b asked nothing that changed");
    assertEquals(rendered(PIPELINE.render(skills(a2, b), files)), rendered(pictured));
    assertEquals(
        Map.of("skills/a-skill/files/pic.png", content.resolve("skills/a-skill/pic.png")),
        pictured.links().copies(),
        "a document used again still has its copies published");
  }
}
