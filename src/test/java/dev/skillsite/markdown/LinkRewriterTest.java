package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SkillId;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class LinkRewriterTest {
  private final MarkdownRenderer renderer = new MarkdownRenderer();
  private final FakeTargets site =
      new FakeTargets()
          .withPage("skills/otp", "index.html", "the-iron-law")
          .withPage("skills/otp/SKILL.md", "index.html", "the-iron-law")
          .withPage(
              "skills/otp/references/ets.md", "ref/references/ets/index.html", "read-concurrency")
          .withPage("skills/oban/SKILL.md", "../oban/index.html", "queues")
          .withPage("skills/oban", "../oban/index.html", "queues")
          .withFile("skills/otp/images/tree.png", "files/images/tree.png")
          .withFile("skills/otp/LICENSE.txt", "files/LICENSE.txt")
          .withFolder("skills/otp/scripts")
          .withFolder("skills/oban/images/x.png");

  private RenderedDocument render(String path, String markdown) {
    SourceDocument doc =
        new SourceDocument(
            path, new SkillId("otp"), "skills/otp", markdown, path.endsWith("SKILL.md") ? 5 : 1);
    return renderer.render(renderer.parse(doc), site, MentionIndex.none());
  }

  private String hrefOf(String markdown) {
    Document d = Jsoup.parseBodyFragment(render("skills/otp/SKILL.md", markdown).html().html());
    return d.selectFirst("a").attr("href");
  }

  private List<String> warnings(String path, String markdown) {
    return render(path, markdown).diagnostics().stream().map(Diagnostic::format).toList();
  }

  @Test
  void referenceBesideTheSkillGoesToItsSubPageWithAnchor() {
    assertEquals(
        "ref/references/ets/index.html#read-concurrency",
        hrefOf("see [ETS](references/ets.md#read-concurrency)"));
  }

  @Test
  void referenceLinksBackToTheSkillPage() {
    Document d =
        Jsoup.parseBodyFragment(
            render("skills/otp/references/ets.md", "[back](../SKILL.md#the-iron-law)")
                .html()
                .html());
    assertEquals("index.html#the-iron-law", d.selectFirst("a").attr("href"));
  }

  @Test
  void otherSkillFolderOrSkillFileGoesToThatSkillsPage() {
    assertEquals("../oban/index.html", hrefOf("[Oban](../oban/SKILL.md)"));
    assertEquals("../oban/index.html#queues", hrefOf("[Oban](../oban/#queues)"));
  }

  @Test
  void inPageAnchorsAreKept() {
    assertEquals("#the-iron-law", hrefOf("[law](#the-iron-law)"));
  }

  @Test
  void filesInsideTheSkillArePublishedCopies() {
    assertEquals("files/LICENSE.txt", hrefOf("[license](LICENSE.txt)"));
    Document d =
        Jsoup.parseBodyFragment(
            render("skills/otp/SKILL.md", "![tree](images/tree.png)").html().html());
    assertEquals("files/images/tree.png", d.selectFirst("img").attr("src"));
  }

  @Test
  void externalLinksAreLeftAlone() {
    assertEquals("https://hexdocs.pm/oban", hrefOf("[docs](https://hexdocs.pm/oban)"));
  }

  @Test
  void linkOutsideTheSkillFolderBecomesTextWithAWarning() {
    RenderedDocument doc =
        render("skills/otp/SKILL.md", "intro\n\nsee [notes](../../notes.md) now\n");
    assertEquals("<p>intro</p><p>see notes now</p>", doc.html().html().replace("\n", ""));
    assertEquals(
        List.of(
            "skills/otp/SKILL.md:7:5: warning: link points outside the skill folder: ../../notes.md"),
        doc.diagnostics().stream().map(Diagnostic::format).toList());
  }

  @Test
  void linkAboveTheContentRootIsNotFollowed() {
    assertEquals(
        List.of(
            "skills/otp/SKILL.md:5:1: warning: link points outside the content root: "
                + "../../../etc/passwd"),
        warnings("skills/otp/SKILL.md", "[pw](../../../etc/passwd)"));
  }

  @Test
  void absolutePathsAndFileUrlsAreNotFollowed() {
    assertEquals(
        List.of(
            "skills/otp/references/ets.md:1:3: warning: link to an absolute path is not followed: /etc/passwd",
            "skills/otp/references/ets.md:2:1: warning: link to a file: URL is not followed: file:///etc/passwd",
            "skills/otp/references/ets.md:3:1: warning: image to an absolute path is not followed: /tmp/x.png"),
        warnings(
            "skills/otp/references/ets.md",
            "a [x](/etc/passwd)\n[y](file:///etc/passwd)\n![z](/tmp/x.png)\n"));
  }

  @Test
  void missingFilesAndAnchorsWarn() {
    assertEquals(
        List.of(
            "skills/otp/SKILL.md:5:1: warning: link to a missing file: references/nope.md",
            "skills/otp/SKILL.md:6:1: warning: link to a missing anchor: references/ets.md#nope",
            "skills/otp/SKILL.md:7:1: warning: link to a missing anchor: #nope",
            "skills/otp/SKILL.md:8:1: warning: link to a file that is not published: scripts/"),
        warnings(
            "skills/otp/SKILL.md",
            "[a](references/nope.md)\n[b](references/ets.md#nope)\n[c](#nope)\n[d](scripts/)\n"));
  }

  @Test
  void imagesOutsideTheSkillOrMissingBecomeTheirAltText() {
    RenderedDocument doc =
        render("skills/otp/SKILL.md", "![other](../oban/images/x.png) ![gone](images/gone.png)");
    assertEquals("<p>other gone</p>", doc.html().html().strip());
    assertEquals(
        List.of(
            "skills/otp/SKILL.md:5:1: warning: image points outside the skill folder: ../oban/images/x.png",
            "skills/otp/SKILL.md:5:32: warning: image to a missing file: images/gone.png"),
        doc.diagnostics().stream().map(Diagnostic::format).toList());
  }

  @Test
  void remoteImagesBecomeLinksSoPagesMakeNoExternalRequest() {
    Document d =
        Jsoup.parseBodyFragment(
            render("skills/otp/SKILL.md", "![badge](https://img.shields.io/x.svg)").html().html());
    assertEquals(0, d.select("img").size());
    assertEquals("https://img.shields.io/x.svg", d.selectFirst("a").attr("href"));
    assertEquals("badge", d.selectFirst("a").text());
  }

  @Test
  void rawHtmlLinksAndImagesResolveLikeMarkdownOnes() {
    RenderedDocument doc =
        render(
            "skills/otp/SKILL.md",
            "intro\n\n<p><a href=\"references/ets.md\">ETS</a> <img src=\"images/tree.png\" alt=\"t\">\n"
                + "<a href=\"../../x.md\">out</a> <img src=\"../oban/images/x.png\" alt=\"o\"></p>\n");
    Document d = Jsoup.parseBodyFragment(doc.html().html());
    assertEquals(List.of("ref/references/ets/index.html"), d.select("a").eachAttr("href"));
    assertEquals(List.of("files/images/tree.png"), d.select("img").eachAttr("src"));
    assertEquals("intro ETS out o", d.text());
    assertEquals(
        List.of(
            "skills/otp/SKILL.md:7:1: warning: image points outside the skill folder: ../oban/images/x.png",
            "skills/otp/SKILL.md:7:1: warning: link points outside the skill folder: ../../x.md"),
        doc.diagnostics().stream().map(Diagnostic::format).toList());
  }

  @Test
  void emptyLinksBecomeText() {
    RenderedDocument doc = render("skills/otp/SKILL.md", "[empty]() <a href=\"\">raw</a>");
    assertEquals("<p>empty raw</p>", doc.html().html().strip());
    assertEquals(List.of(), doc.diagnostics());
  }
}
