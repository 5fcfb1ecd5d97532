package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Collection;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile values in every field a page shows: all of it escaped, none of it executable, nothing
 * broken.
 */
class HostileContentTest {
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String BREAKOUT = "\"><img src=x onerror=alert(1)>";
  static final String SVG = "<svg onload=alert(1)>";
  static final String JS_URL = "javascript:alert(1)";

  @TempDir static Path tmp;
  static Path site;

  @BeforeAll
  static void generate() throws IOException {
    SiteConfig config =
        new SiteConfig(
            SCRIPT,
            Optional.of(BREAKOUT),
            Optional.empty(),
            Optional.of(JS_URL),
            "main",
            "",
            Optional.of("curl {repo} | sh " + SCRIPT + " {name}"),
            Optional.of(1),
            Optional.of(2),
            Optional.of(
                new SiteConfig.Upstream(
                    SCRIPT,
                    Optional.of(JS_URL),
                    Optional.of(BREAKOUT),
                    Optional.empty(),
                    Optional.empty())),
            Map.of(),
            Optional.empty());
    CatalogFixture fixture = new CatalogFixture().config(config);
    Catalog base =
        fixture
            .skill("evil")
            .collection("c")
            .description("Use when " + SCRIPT + " or " + BREAKOUT)
            .phrases(SVG, BREAKOUT)
            .keywords(SCRIPT, "</title><script>alert(1)</script>")
            .notFor(JS_URL + " " + SCRIPT)
            .frontmatter("license", SCRIPT)
            .frontmatter("allowed-tools", List.of(BREAKOUT))
            .frontmatter("metadata", Map.of("x" + SCRIPT, "<iframe src=\"" + JS_URL + "\">"))
            .body(
                "# "
                    + SCRIPT
                    + "\n\n"
                    + SCRIPT
                    + "\n\n<img src=x onerror=alert(1)>\n\n[x]("
                    + JS_URL
                    + ")\n\n"
                    + "<a href=\"jav&#x09;ascript:alert(1)\">t</a> "
                    + SVG
                    + "\n\n<iframe src=\"https://e.example\"></iframe>\n")
            .reference(
                "references/" + "evil.md",
                SCRIPT,
                "# Ref\n\n" + SCRIPT + " <a href=\"data:text/html,x\">d</a>\n")
            .add()
            .skill("other")
            .collection("c")
            .description(SVG)
            .add()
            .skill("<img src=x onerror=alert(2)>")
            .id("named-badly")
            .collection("c")
            .description("d")
            .add()
            .catalog();
    Catalog catalog =
        new Catalog(
            base.config(),
            List.of(
                new Collection(
                    "c",
                    SCRIPT,
                    "plugins/c",
                    Optional.of(BREAKOUT),
                    Optional.of(SVG),
                    List.of(SCRIPT),
                    Optional.of(JS_URL))),
            base.skills(),
            List.of(),
            List.of());
    site = tmp.resolve("site");
    new SiteGenerator(Optional.empty())
        .generate(
            new SiteInput(
                catalog,
                Map.of(
                    new SkillId("other"),
                    List.of(new RelatedSkill(new SkillId("evil"), SCRIPT, false)))),
            site);
  }

  @Test
  void noExecutableMarkupInAnyPage() {
    assertEquals(List.of(), UnsafeMarkupScanner.problems(site));
  }

  @Test
  void noBrokenLinks() {
    assertEquals(List.of(), BrokenLinkWalker.brokenLinks(site));
  }

  @Test
  void hostileTextIsShownAsText() throws IOException {
    Document d = Jsoup.parse(site.resolve("skills/evil/index.html").toFile(), "UTF-8");
    assertEquals("evil · " + SCRIPT, d.title());
    assertEquals(
        "Use when " + SCRIPT + " or " + BREAKOUT, d.selectFirst(".full-description p").text());
    assertTrue(d.selectFirst(".lead").text().contains(SCRIPT), d.selectFirst(".lead").text());
    assertEquals("curl  | sh " + SCRIPT + " evil", d.getElementById("ss-install-cmd").text());
    assertEquals(
        List.of(SVG, BREAKOUT, SCRIPT, "</title><script>alert(1)</script>"),
        d.select("#ss-triggers .chip").eachText());
    assertTrue(d.select("a[href^=javascript]").isEmpty());
    assertTrue(
        d.select("a:contains(Source)").isEmpty(), "a javascript: repository URL is not linked");
    Document index = Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8");
    assertEquals(SCRIPT, index.selectFirst("h1").text());
    assertEquals(
        "<img src=x onerror=alert(2)>",
        index.selectFirst("li[data-skill-id=named-badly] .card-title").text());
    assertEquals(BREAKOUT, index.selectFirst("meta[name=description]").attr("content"));
  }

  @Test
  void jsonOutputsCarryTheTextAndCannotCloseAScript() throws IOException {
    String js = Files.readString(site.resolve("assets/catalog.js"));
    assertFalse(js.contains("<"), "HTML-significant characters are escaped in catalog.js");
    String json = Files.readString(site.resolve("skills.json"));
    assertEquals(
        "Use when " + SCRIPT + " or " + BREAKOUT,
        JsonParser.parseString(json)
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject()
            .get("description")
            .getAsString());
  }
}
