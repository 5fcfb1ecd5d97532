package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents are parsed once and in parallel, so a link to another document's anchor is rendered before that
 * document may have been read: the result must still be what the complete link table gives.
 */
class DocumentPipelineTest {
  @TempDir Path tmp;

  @RepeatedTest(3) // rendering order varies between runs of the parallel stream
  void linksToOtherDocumentsAnchorsAreCheckedOnceEveryDocumentIsKnown() throws IOException {
    Catalog catalog = new CatalogFixture()
        .skill("a-skill")
        .description("Use when the user asks to \"do a\".")
        .body("# A\n\n## Own part\n\n[present](../b-skill/SKILL.md#usage), [absent](../b-skill/SKILL.md#nope), "
            + "[folder](../b-skill/#usage), [deep](../b-skill/references/more.md#details), "
            + "[deep absent](../b-skill/references/more.md#gone), [own](#own-part), [own absent](#missing)\n")
        .add()
        .skill("b-skill")
        .description("Use when the user asks to \"do b\".")
        .body("# B\n\n## Usage\n\nSee [A](../a-skill/SKILL.md#own-part).\n")
        .reference("references/more.md", "More", "# More\n\n## Details\n\nText.\n")
        .add()
        .catalog();
    SiteReport report = new SiteGenerator(Optional.empty())
        .generate(new SiteInput(catalog, Map.of(), Optional.empty()), tmp.resolve("site"));

    var page = Jsoup.parse(tmp.resolve("site/skills/a-skill/index.html").toFile(), "UTF-8");
    Map<String, String> hrefs = new java.util.LinkedHashMap<>();
    page.select("#ss-body a").forEach(a -> hrefs.putIfAbsent(a.text(), a.attr("href")));
    assertEquals(Map.of(
        "present", "../b-skill/index.html#usage",
        "absent", "../b-skill/index.html",
        "folder", "../b-skill/index.html#usage",
        "deep", "../b-skill/ref/references/more/index.html#details",
        "deep absent", "../b-skill/ref/references/more/index.html",
        "own", "#own-part"), Map.copyOf(hrefs)); // "own absent" is left as text
    assertEquals(List.of(
        "skills/a-skill/SKILL.md:9:39: warning: link to a missing anchor: ../b-skill/SKILL.md#nope",
        "skills/a-skill/SKILL.md:9:151: warning: link to a missing anchor: ../b-skill/references/more.md#gone",
        "skills/a-skill/SKILL.md:9:220: warning: link to a missing anchor: #missing"),
        report.diagnostics().stream().map(Diagnostic::format).toList());
    var b = Jsoup.parse(tmp.resolve("site/skills/b-skill/index.html").toFile(), "UTF-8");
    assertEquals("../a-skill/index.html#own-part", b.select("#ss-body a:contains(A)").first().attr("href"));
  }
}
