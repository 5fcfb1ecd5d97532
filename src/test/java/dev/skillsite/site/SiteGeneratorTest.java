package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.SiteConfig;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteGeneratorTest {
  private static final SiteGenerator GENERATOR = new SiteGenerator(Optional.empty());
  @TempDir static Path tmp;
  static Path content;
  static Path site;
  static SiteReport report;

  static SiteConfig config() {
    return new SiteConfig(
        "Elixir skills",
        Optional.of("Thinking skills for Elixir."),
        Optional.empty(),
        Optional.of("https://github.com/example/elixir-skills"),
        "main",
        "",
        Optional.empty(),
        Optional.of(138),
        Optional.of(12),
        Optional.of(
            new SiteConfig.Upstream(
                "upstream/skills",
                Optional.of("https://github.com/upstream/skills"),
                Optional.of("Apache-2.0"),
                Optional.of(138),
                Optional.of(12))),
        Map.of(),
        Optional.empty());
  }

  static Catalog catalog() {
    return new CatalogFixture()
        .config(config())
        .collection("elixir", "Elixir", "Skills for Elixir work.")
        .skill("otp-thinking")
        .collection("elixir")
        .description(
            "Use when the user asks to \"add background processing\" or mentions GenServer.")
        .phrases("add background processing", "cache this data")
        .keywords("GenServer", "Supervisor")
        .notFor("Phoenix templates")
        .frontmatter("license", "Apache-2.0")
        .frontmatter("allowed-tools", List.of("Read", "Bash"))
        .frontmatter("metadata", Map.of("version", "1.0"))
        .body(
            "# OTP Thinking\n\n## The Iron Law\n\nUse Oban for jobs. See [ETS](references/ets.md#read-concurrency)"
                + " and ![tree](images/tree.png).\n\n## Tasks\n\n```elixir\nTask.async(fn -> 1 end)\n```\n\n"
                + "## Storage\n\n| Need | Use |\n|---|---|\n| cache | ETS |\n\n## Red flags\n\n- [x] supervised\n\n"
                + "[up](../../../outside.md)\n")
        .reference(
            "references/ets.md",
            "ETS patterns",
            "# ETS patterns\n\n## Read concurrency\n\nBack to [OTP](../SKILL.md).\n")
        .add()
        .skill("oban-thinking")
        .collection("elixir")
        .description("Use when the user asks to \"add a background job\" or mentions Oban.")
        .phrases("add a background job")
        .keywords("Oban", "Oban Pro")
        .body("# Oban\n\nJobs; a GenServer is not a queue.\n")
        .add()
        .catalog();
  }

  @BeforeAll
  static void generate() throws IOException {
    content = tmp.resolve("content");
    Files.createDirectories(content.resolve("skills/otp-thinking/images"));
    Files.writeString(
        content.resolve("skills/otp-thinking/SKILL.md"), "---\nname: otp-thinking\n---\nbody\n");
    Files.write(
        content.resolve("skills/otp-thinking/images/tree.png"),
        new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    site = tmp.resolve("site");
    report = GENERATOR.generate(input(catalog()), site);
  }

  static SiteInput input(Catalog catalog) {
    return new SiteInput(
        catalog,
        Map.of(
            new SkillId("otp-thinking"),
            List.of(
                new RelatedSkill(
                    new SkillId("oban-thinking"), "declared in skillsite.yaml", true))),
        Optional.of(content));
  }

  static Document page(String path) throws IOException {
    return Jsoup.parse(site.resolve(path).toFile(), "UTF-8");
  }

  @Test
  void writesEveryPageAndFile() {
    for (String p :
        List.of(
            "index.html",
            "skills/index.html",
            "triggers/index.html",
            "search/index.html",
            "404.html",
            "collections/elixir/index.html",
            "skills/otp-thinking/index.html",
            "skills/oban-thinking/index.html",
            "skills/otp-thinking/ref/references/ets.html",
            "skills/otp-thinking/SKILL.md",
            "skills/otp-thinking/files/images/tree.png",
            "sitemap.xml",
            "robots.txt",
            "skills.json",
            "assets/site.css",
            "assets/site.js",
            "assets/search.js",
            "assets/catalog.js",
            "assets/highlight.min.js",
            "assets/hljs-light.css",
            "assets/hljs-dark.css")) {
      assertTrue(Files.isRegularFile(site.resolve(p)), p);
    }
    assertEquals(9, report.pages());
  }

  @Test
  void noBrokenInternalLinkOrAnchor() {
    assertEquals(List.of(), BrokenLinkWalker.brokenLinks(site));
  }

  @Test
  void withoutRoutingHealthThereIsNoHealthPageAndNoLinkToOne() throws IOException {
    assertFalse(Files.exists(site.resolve("health/index.html")));
    assertEquals(List.of(), page("index.html").select("a[href*=health]"));
    assertEquals(
        List.of(),
        page("skills/otp-thinking/index.html").select("a[href*=health], section.skill-health"));
  }

  @Test
  void reportsLinkDiagnosticsWithFileAndLine() {
    assertEquals(
        List.of(
            "skills/otp-thinking/SKILL.md:27:1: warning: link points outside the content root: "
                + "../../../outside.md"),
        report.diagnostics().stream().map(Diagnostic::format).toList());
  }

  @Test
  void skillPageShowsEverything() throws IOException {
    Document d = page("skills/otp-thinking/index.html");
    assertEquals("otp-thinking", d.selectFirst("h1").text());
    assertEquals(
        "d=$(mktemp -d) && git clone -q --depth 1 -b main https://github.com/example/elixir-skills \"$d\""
            + " && mkdir -p ~/.claude/skills && cp -R \"$d\"/skills/otp-thinking ~/.claude/skills/otp-thinking",
        d.getElementById("ss-install-cmd").text());
    assertEquals(
        List.of("Claude Code", "skills CLI", "Codex", "Cursor", "Gemini CLI", "Download"),
        d.select("#ss-install .install-label").eachText());
    assertEquals(
        "npx skills add example/elixir-skills --skill otp-thinking",
        d.getElementById("ss-install-cmd-skills-cli").text());
    assertEquals("ss-install-cmd", d.selectFirst("button.copy-button").attr("data-copy"));
    assertEquals(
        List.of("add background processing", "cache this data", "GenServer", "Supervisor"),
        d.select("#ss-triggers .chip").eachText());
    assertEquals("Phoenix templates", d.selectFirst(".not-for li").text());
    assertEquals(
        "https://github.com/example/elixir-skills/blob/main/skills/otp-thinking/SKILL.md",
        d.selectFirst("a:contains(Source)").attr("href"));
    assertEquals(
        List.of("License", "Allowed tools", "Version", "Source"),
        d.select("dl.meta dt").eachText());
    assertEquals("Read, Bash", d.select("dl.meta dd").get(1).text());
    assertEquals(
        "ref/references/ets.html#read-concurrency",
        d.selectFirst("#ss-body a:contains(ETS)").attr("href"));
    assertEquals("files/images/tree.png", d.selectFirst("#ss-body img").attr("src"));
    assertEquals("language-elixir", d.selectFirst("#ss-body pre code").className());
    assertEquals(
        List.of("the-iron-law", "tasks", "storage", "red-flags"),
        d.select("#ss-toc a").eachAttr("href").stream().map(h -> h.substring(1)).toList());
    assertEquals(
        "../oban-thinking/index.html", d.selectFirst("#ss-body a:contains(Oban)").attr("href"));
    Element card = d.selectFirst("#ss-related .related-card");
    assertEquals("oban-thinking", card.selectFirst(".card-title").text());
    assertEquals("declared in skillsite.yaml", card.selectFirst(".reason").text());
    assertTrue(card.text().contains("138") && card.text().contains("12"), card.text());
    assertEquals("ETS patterns", d.selectFirst("#ss-references a").text());
  }

  @Test
  void mentionedByListsTheSkillsThatMentionIt() throws IOException {
    assertEquals(
        List.of("otp-thinking"),
        page("skills/oban-thinking/index.html").select("#ss-mentioned-by a").eachText());
    assertEquals(
        List.of("oban-thinking"),
        page("skills/otp-thinking/index.html").select("#ss-mentioned-by a").eachText());
  }

  @Test
  void indexListsCollectionsSkillsPhrasesAndCredit() throws IOException {
    Document d = page("index.html");
    assertEquals("Elixir skills", d.selectFirst("h1").text());
    assertEquals(List.of("Elixir"), d.select("ul.collection-grid .card-title").eachText());
    assertEquals(
        List.of("oban-thinking", "otp-thinking"), d.select("ul.skill-grid .card-title").eachText());
    assertEquals(
        List.of("add background processing", "cache this data"),
        d.select("li[data-skill-id=otp-thinking] .chip").eachText());
    assertEquals(
        "https://github.com/upstream/skills", d.selectFirst(".hero .credit a").attr("href"));
    assertEquals("search/index.html", d.selectFirst("form[role=search]").attr("action"));
  }

  @Test
  void everyPageCarriesACspThatForbidsInlineScript() throws IOException {
    for (Path p : BrokenLinkWalker.htmlFiles(site)) {
      Document d = Jsoup.parse(p.toFile(), "UTF-8");
      String csp = d.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
      assertTrue(
          csp.contains("script-src 'self';") && !csp.contains("unsafe-inline"), p + ": " + csp);
      assertEquals(1, d.select("meta[name=viewport]").size(), p.toString());
      assertFalse(d.select("html").attr("lang").isEmpty(), p.toString());
    }
  }

  @Test
  void indexableJsonHasPerSkillFieldsInAFixedOrder() throws IOException {
    JsonArray skills =
        JsonParser.parseString(Files.readString(site.resolve("skills.json"))).getAsJsonArray();
    JsonObject otp = skills.get(1).getAsJsonObject();
    assertEquals(
        List.of(
            "id",
            "name",
            "description",
            "url",
            "triggers",
            "keywords",
            "clauses",
            "notFor",
            "related",
            "source",
            "collection",
            "license",
            "references"),
        List.copyOf(otp.keySet()));
    assertEquals("skills/otp-thinking/index.html", otp.get("url").getAsString());
    assertEquals("oban-thinking", otp.getAsJsonArray("related").get(0).getAsString());
    assertEquals("skills/otp-thinking/SKILL.md", otp.get("source").getAsString());
    assertTrue(
        Files.readString(site.resolve("assets/catalog.js"))
            .startsWith("window.SKILLSITE_CATALOG = [{"));
  }

  @Test
  void sitemapAndRobotsAreRelativeWithoutABaseUrl() throws IOException {
    String sitemap = Files.readString(site.resolve("sitemap.xml"));
    assertTrue(sitemap.contains("<loc>skills/otp-thinking/ref/references/ets.html</loc>"), sitemap);
    assertFalse(sitemap.contains("404.html"));
    assertEquals("User-agent: *\nAllow: /\n", Files.readString(site.resolve("robots.txt")));
    assertEquals("index.html", page("404.html").selectFirst("a.brand").attr("href"));
  }

  @Test
  void baseUrlGivesCanonicalUrlsAbsoluteSitemapAndRootedNotFoundPage() throws IOException {
    Catalog c = catalog();
    Path out = tmp.resolve("with-base");
    GENERATOR.generate(
        input(
            new Catalog(
                c.config().withBaseUrl("https://x.example/docs"),
                c.collections(),
                c.skills(),
                c.skippedSources(),
                c.diagnostics())),
        out);
    Document d = Jsoup.parse(out.resolve("skills/otp-thinking/index.html").toFile(), "UTF-8");
    assertEquals(
        "https://x.example/docs/skills/otp-thinking/",
        d.selectFirst("link[rel=canonical]").attr("href"));
    assertEquals(
        "https://x.example/docs/skills/otp-thinking/",
        d.selectFirst("meta[property=og:url]").attr("content"));
    assertTrue(
        Files.readString(out.resolve("sitemap.xml"))
            .contains("<loc>https://x.example/docs/</loc>"));
    assertTrue(
        Files.readString(out.resolve("robots.txt"))
            .endsWith("Sitemap: https://x.example/docs/sitemap.xml\n"));
    Document notFound = Jsoup.parse(out.resolve("404.html").toFile(), "UTF-8");
    assertTrue(
        notFound
            .selectFirst("script[src*=/site.js?v=]")
            .attr("src")
            .matches("https://x\\.example/docs/assets/site\\.js\\?v=[0-9a-f]{10}"),
        notFound.selectFirst("script[src*=/site.js?v=]").attr("src"));
    assertEquals("https://x.example/docs/index.html", notFound.selectFirst("main a").attr("href"));
    // its style is inline, allowed by its hash in the page's policy: styled wherever it is served
    String css = notFound.selectFirst("head style").data();
    String policy =
        notFound.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
    assertTrue(css.contains(".site-header"), css.substring(0, Math.min(80, css.length())));
    assertTrue(
        policy.contains(
            "style-src 'self' "
                + dev.skillsite.site.view.NotFoundPage.of(
                        css.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .cssHash()
                + ";"),
        policy);
    assertTrue(policy.contains("script-src 'self';"), policy);
    assertEquals(List.of(), BrokenLinkWalker.brokenLinks(out));
  }

  @Test
  void sameInputGivesByteIdenticalOutput() throws IOException {
    Path again = tmp.resolve("again");
    GENERATOR.generate(input(catalog()), again);
    List<Path> first = files(site);
    assertEquals(first, files(again));
    for (Path p : first) {
      assertArrayEquals(
          Files.readAllBytes(site.resolve(p)), Files.readAllBytes(again.resolve(p)), p.toString());
    }
  }

  @Test
  void refusesANonEmptyFolder() throws IOException {
    Path full = tmp.resolve("full");
    Files.createDirectories(full);
    Files.writeString(full.resolve("keep.txt"), "x");
    assertEquals(
        "output folder is not empty: " + full,
        org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> GENERATOR.generate(input(catalog()), full))
            .getMessage());
    assertEquals("x", Files.readString(full.resolve("keep.txt")));
  }

  @Test
  void aReferencePageOfASkillWithManyFilesListsItsFolderAndLinksToTheFullList() throws IOException {
    CatalogFixture.SkillBuilder big =
        new CatalogFixture()
            .config(config())
            .skill("big")
            .description("Use when the user asks about big things.")
            .body("# Big\n");
    for (int i = 0; i < 40; i++) {
      String folder = i < 4 ? "references/api/" : "references/guides/";
      big.reference(folder + "p" + i + ".md", "Page " + i, "# Page " + i + "\n");
    }
    Path out = tmp.resolve("big");
    GENERATOR.generate(new SiteInput(big.add().catalog(), Map.of(), Optional.of(content)), out);
    Document ref =
        Jsoup.parse(out.resolve("skills/big/ref/references/api/p2.html").toFile(), "UTF-8");
    assertEquals(
        List.of("SKILL.md", "Page 0", "Page 1", "Page 2", "Page 3"),
        ref.select("nav.siblings li > :first-child").eachText());
    assertEquals("Page 2", ref.selectFirst("nav.siblings [aria-current=page]").text());
    Element all = ref.selectFirst("nav.siblings p a");
    assertEquals("../../../index.html#ss-references-title", all.attr("href"));
    Document skill = Jsoup.parse(out.resolve("skills/big/index.html").toFile(), "UTF-8");
    assertEquals(
        40, skill.select("#ss-references li").size(), "the skill's page keeps the full list");
    assertTrue(skill.getElementById("ss-references-title") != null);
    assertTrue(ref.selectFirst("nav.siblings p").text().startsWith("4 of 40 files shown"));
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
  }

  static String read(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
  }
}
