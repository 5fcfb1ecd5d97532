package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.SkillId;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
  private final MarkdownRenderer renderer = new MarkdownRenderer();

  private RenderedDocument render(String markdown) {
    SourceDocument doc =
        new SourceDocument("skills/otp/SKILL.md", new SkillId("otp"), "skills/otp", markdown, 5);
    return renderer.render(renderer.parse(doc), new FakeTargets(), MentionIndex.none());
  }

  private Document html(String markdown) {
    return Jsoup.parseBodyFragment(render(markdown).html().html());
  }

  private Document html(String markdown, FakeTargets targets) {
    SourceDocument doc =
        new SourceDocument("skills/otp/SKILL.md", new SkillId("otp"), "skills/otp", markdown, 5);
    return Jsoup.parseBodyFragment(
        renderer.render(renderer.parse(doc), targets, MentionIndex.none()).html().html());
  }

  @Test
  void tablesKeepHeaderCellsAndAlignment() {
    Document d = html("| Tool | Scope |\n|:-----|------:|\n| Registry | node |\n");
    assertEquals(List.of("Tool", "Scope"), d.select("table thead th").eachText());
    assertEquals("Registry", d.selectFirst("table tbody td").text());
    assertEquals("left", d.selectFirst("th").attr("align"));
  }

  @Test
  void taskListItemsBecomeDisabledCheckboxes() {
    Document d = html("- [x] done\n- [ ] todo\n");
    List<Element> boxes = d.select("li > input[type=checkbox]");
    assertEquals(2, boxes.size());
    assertTrue(boxes.get(0).hasAttr("checked"));
    assertTrue(boxes.get(0).hasAttr("disabled"));
    assertTrue(!boxes.get(1).hasAttr("checked"));
    // a form control needs a name for screen readers; the box's state is read out as a checkbox's
    assertEquals(List.of("Task", "Task"), boxes.stream().map(b -> b.attr("aria-label")).toList());
    // the same when the document holds raw HTML and goes through the sanitizer
    Document raw = html("- [x] done <b>now</b>\n\n<input type=\"checkbox\" onclick=\"x()\">\n");
    assertEquals(List.of("Task", "Task"), raw.select("input").eachAttr("aria-label"));
    assertTrue(raw.select("input[onclick]").isEmpty());
  }

  @Test
  void strikethroughAndAutolinks() {
    Document d = html("~~old~~ see https://example.com/x\n");
    assertEquals("old", d.selectFirst("del").text());
    assertEquals("https://example.com/x", d.selectFirst("a").attr("href"));
  }

  /**
   * Markdown without raw HTML is not run through the HTML sanitizer: the tree itself must be made
   * safe.
   */
  @Test
  void withoutRawHtmlOnlySafeLinkSchemesSurviveAndOnlyRemoteLinksGetRel() {
    Document d =
        html(
            "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) "
                + "[e](tel:123) [f](https://example.com/) [g](mailto:x@example.com) [h](#setup) [i](//example.net/p)\n\n"
                + "![j](javascript:alert(1)) ![k](data:image/png;base64,AAAA)\n\n## Setup\n",
            new FakeTargets().withPage("skills/otp/SKILL.md", "index.html", "setup"));
    assertEquals(
        List.of("https://example.com/", "mailto:x@example.com", "#setup", "//example.net/p"),
        d.select("a").eachAttr("href"));
    assertEquals(
        "nofollow noopener noreferrer", d.selectFirst("a[href=https://example.com/]").attr("rel"));
    assertEquals(
        "", d.selectFirst("a[href=#setup]").attr("rel"), "in-page and site links are not nofollow");
    assertTrue(d.select("img").isEmpty(), d.html());
    assertTrue(d.text().contains("a b c d e"), "unsafe links keep their words: " + d.text());
  }

  @Test
  void aRemoteBadgeInsideALinkBecomesItsWordsNotALinkInALink() {
    Document d =
        html("[![build passing](https://img.example.com/b.svg)](https://ci.example.com/run)\n");
    assertEquals(1, d.select("a").size(), d.html());
    assertEquals("build passing", d.selectFirst("a").text());
    assertEquals("https://ci.example.com/run", d.selectFirst("a").attr("href"));
  }

  @Test
  void headingsGetUniqueIdsAndMoveOneLevelDown() {
    Document d = html("# OTP Thinking\n## Setup\n## Setup\n### `call/3` vs cast\n");
    assertEquals(
        List.of("otp-thinking", "setup", "setup-1", "call3-vs-cast"),
        d.select("h2, h3, h4").eachAttr("id"));
    assertEquals("h2", d.getElementById("otp-thinking").tagName());
  }

  @Test
  void longDocumentsGetATableOfContentsOfTheirTwoTopLevels() {
    RenderedDocument doc = render("# A\n## One\n### One.a\n#### deep\n# B\n");
    assertEquals(
        List.of(
            new TocEntry(1, "a", "A"), new TocEntry(2, "one", "One"), new TocEntry(1, "b", "B")),
        doc.toc());
  }

  @Test
  void aSingleTitleHeadingIsLeftOutOfTheTableOfContents() {
    RenderedDocument doc = render("# Title\n## One\n### One.a\n#### deep\n## Two\n");
    assertEquals(
        List.of(
            new TocEntry(1, "one", "One"),
            new TocEntry(2, "onea", "One.a"),
            new TocEntry(1, "two", "Two")),
        doc.toc());
  }

  @Test
  void shortDocumentsHaveNoTableOfContents() {
    assertEquals(List.of(), render("# A\n## B\n## C\n").toc());
  }

  @Test
  void fencedCodeKeepsItsLanguageClass() {
    Element code = html("```elixir\nGenServer.call(pid, :x)\n```\n").selectFirst("pre > code");
    assertEquals("language-elixir", code.className());
    assertEquals("GenServer.call(pid, :x)\n", code.wholeText());
  }
}
