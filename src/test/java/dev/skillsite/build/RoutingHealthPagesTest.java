package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.CheckOptions;
import dev.skillsite.check.CheckReport;
import dev.skillsite.check.Checker;
import dev.skillsite.check.Collision;
import dev.skillsite.check.RouterProbe;
import dev.skillsite.check.Unreachable;
import dev.skillsite.site.BrokenLinkWalker;
import dev.skillsite.site.RenderedDiagnostics;
import dev.skillsite.site.SiteGenerator;
import dev.skillsite.site.UnsafeMarkupScanner;
import dev.skillsite.testing.SiteFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing health a build publishes: {@code health/index.html} and each skill page's rivals and
 * findings, on a fixture where {@code table-formatter}'s only trigger ({@code "write a commit
 * message <now>"}) routes to {@code commit-writer} (a collision and an unreachable skill) and
 * {@code csv-tables} opens on "Helps with".
 */
class RoutingHealthPagesTest {
  static final Path FIXTURE = Path.of("src/test/resources/sites/routing-health/content");
  static final String TRIGGER = "write a commit message <now>";

  @TempDir static Path tmp;
  static Path site;

  @BeforeAll
  static void build() throws IOException {
    site = tmp.resolve("site");
    BuildResult result = build(FIXTURE, site);
    assertEquals(0, result.errors(), result.summary());
  }

  static BuildResult build(Path content, Path out) throws IOException {
    return new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE)
        .run(new BuildOptions(content, out, Optional.of("https://example.org/sub/"), true));
  }

  static Document page(Path root, String path) throws IOException {
    return Jsoup.parse(root.resolve(path).toFile(), "UTF-8");
  }

  @Test
  void healthPageListsThePairWithTheSharedTriggerAndASuggestion() throws IOException {
    Document d = page(site, "health/index.html");
    List<Element> pairs = d.select(".health-pair");
    assertEquals(1, pairs.size(), d.select("#ss-collisions").text());
    Element pair = pairs.get(0);
    assertEquals(
        List.of("commit-writer", "table-formatter"), pair.select(".card-title a").eachText());
    assertEquals(
        List.of("../skills/commit-writer/index.html", "../skills/table-formatter/index.html"),
        pair.select(".card-title a").eachAttr("href"));
    assertEquals(
        List.of(TRIGGER), pair.select("td .chip").eachText(), "the trigger is shown as text");
    assertEquals(
        List.of("table-formatter", "commit-writer"),
        pair.select("tbody td").subList(1, 3).stream().map(Element::text).toList(),
        "listed by the loser, goes to the winner");
    assertEquals("collision", pair.select("tbody td").last().text());
    String suggestion = pair.selectFirst("p.card-text").text();
    assertEquals(
        "Suggestion: make the triggers of table-formatter name what only it handles (its objects, tools,"
            + " file types), or narrow the description of commit-writer",
        suggestion);
  }

  @Test
  void healthPageListsTheUnreachableSkillAndTheLintFinding() throws IOException {
    Document d = page(site, "health/index.html");
    Element lost = d.selectFirst("section[aria-labelledby=ss-unreachable] li");
    assertNotNull(lost);
    assertEquals("table-formatter", lost.selectFirst("a").text());
    assertEquals("../skills/table-formatter/index.html", lost.selectFirst("a").attr("href"));
    assertTrue(
        lost.text().contains("its only trigger, \"" + TRIGGER + "\", routes elsewhere first"),
        lost.text());
    List<Element> lint = d.select("section[aria-labelledby=ss-lint] li");
    assertEquals(1, lint.size(), lint.toString());
    assertEquals("csv-tables", lint.get(0).selectFirst("a").text());
    assertEquals("skills/csv-tables/SKILL.md:3:14", lint.get(0).selectFirst("code").text());
    assertEquals("vague-description", lint.get(0).selectFirst(".kind").text());
    assertTrue(
        d.selectFirst("section[aria-labelledby=ss-listing]")
            .text()
            .contains("within a budget of " + CheckOptions.DEFAULT_LISTING_BUDGET));
  }

  @Test
  void healthPageAgreesWithCheck() throws IOException {
    CheckReport report =
        new Checker(RouterProbe.factory(), RenderedDiagnostics.standard())
            .check(FIXTURE, CheckOptions.DEFAULTS);
    Document d = page(site, "health/index.html");
    assertEquals(
        report.routing().collisions().stream().map(Collision::trigger).toList(),
        d.select(".health-pair td .chip").eachText());
    assertEquals(
        report.routing().pairs().stream().map(p -> "Suggestion: " + p.suggestion()).toList(),
        d.select(".health-pair p.card-text").eachText());
    assertEquals(
        report.routing().unreachable().stream().map(u -> u.id().value()).toList(),
        d.select("section[aria-labelledby=ss-unreachable] li a").eachText());
    assertTrue(report.routing().unreachable().stream().noneMatch(Unreachable::hasNoTriggers));
    assertEquals(
        report.routing().probes() + " trigger phrases and keywords",
        d.selectFirst(".lead")
            .text()
            .substring(0, d.selectFirst(".lead").text().indexOf(" routed")));
  }

  @Test
  void skillPagesShowTheirRivalLinkedAndTheirOwnFindings() throws IOException {
    Document loser = page(site, "skills/table-formatter/index.html");
    Element health = loser.selectFirst("section.skill-health");
    assertNotNull(health, "table-formatter shows its routing health");
    assertEquals(
        "../commit-writer/index.html",
        health.selectFirst("a:contains(commit-writer)").attr("href"));
    assertEquals(List.of(TRIGGER), health.select(".chip").eachText());
    assertEquals(
        List.of("unreachable-skill", "trigger-collision"), health.select("li .kind").eachText());

    Document winner = page(site, "skills/commit-writer/index.html");
    assertEquals(
        "../table-formatter/index.html",
        winner.selectFirst("section.skill-health a:contains(table-formatter)").attr("href"));
    assertEquals(
        List.of(),
        winner.select("section.skill-health li .kind").eachText(),
        "its own findings: none");

    Document lint = page(site, "skills/csv-tables/index.html");
    assertEquals(List.of(), lint.select("section.skill-health h3:contains(Nearest rivals)"));
    assertEquals(
        List.of("vague-description"), lint.select("section.skill-health li .kind").eachText());
  }

  /**
   * The health page and a skill page say who wins a collision and by what margin, with no BM25
   * score (scores move with every skill holding a word); {@code check} keeps the exact scores. With
   * {@code -Dskillsite.scoreBuckets=false} they print the scores as before.
   */
  @Test
  void pagesShowWhoWinsAndAMarginNotScores() throws IOException {
    CheckReport report =
        new Checker(RouterProbe.factory(), RenderedDiagnostics.standard())
            .check(FIXTURE, CheckOptions.DEFAULTS);
    Collision c = report.routing().collisions().get(0);
    java.util.regex.Pattern score = java.util.regex.Pattern.compile("\\d+\\.\\d\\d");
    assertTrue(
        report.findings().stream()
            .anyMatch(
                d ->
                    d.code().equals("trigger-collision")
                        && d.message()
                            .contains(
                                String.format(java.util.Locale.ROOT, "%.2f", c.rivalScore()))),
        "check prints the exact score");
    Element pair = page(site, "health/index.html").selectFirst(".health-pair");
    Element section =
        page(site, "skills/table-formatter/index.html").selectFirst("section.skill-health");
    String row = pair.select("tbody td").eachText().toString();
    if (!dev.skillsite.check.RoutingHealthView.SCORE_BUCKETS) {
      assertTrue(score.matcher(row).find(), row);
      assertTrue(score.matcher(section.text()).find(), section.text());
      return;
    }
    assertEquals(
        List.of("Trigger", "Listed by", "Goes to", "Margin", "Kind"),
        pair.select("thead th").eachText());
    String margin =
        dev.skillsite.check.RoutingHealthView.Margin.of(
                "collision",
                c.ownerScore()
                    .map(x -> String.format(java.util.Locale.ROOT, "%.2f", x))
                    .orElse("–"),
                String.format(java.util.Locale.ROOT, "%.2f", c.rivalScore()))
            .label();
    assertEquals(
        List.of(TRIGGER, "table-formatter", "commit-writer", margin, "collision"),
        pair.select("tbody td").eachText());
    assertTrue(
        !score.matcher(page(site, "health/index.html").select("#ss-collisions").text()).find(),
        row);
    String text = section.text();
    assertTrue(!score.matcher(text).find(), text);
    assertTrue(text.contains("(collision: goes to commit-writer, table-formatter "), text);
    assertTrue(
        section
            .selectFirst("li:has(.kind:contains(trigger-collision))")
            .text()
            .contains("routes to 'commit-writer' first (this skill "),
        text);
  }

  @Test
  void everyPageLinksToTheHealthPageWhichTheSitemapLists() throws IOException {
    try (Stream<Path> files = Files.walk(site)) {
      for (Path f :
          files.filter(p -> p.toString().endsWith(".html") && !p.endsWith("404.html")).toList()) {
        String rel = site.relativize(f).toString();
        String root = "../".repeat((int) rel.chars().filter(c -> c == '/').count());
        Document d = Jsoup.parse(f.toFile(), "UTF-8");
        assertEquals(
            root + "health/index.html",
            d.selectFirst(".site-nav a:contains(Health)").attr("href"),
            rel);
        assertNotNull(d.selectFirst(".site-footer a[href=" + root + "health/index.html]"), rel);
      }
    }
    assertEquals(
        "health/index.html", page(site, "index.html").selectFirst(".health-link a").attr("href"));
    assertEquals(
        "page",
        page(site, "health/index.html")
            .selectFirst(".site-nav a:contains(Health)")
            .attr("aria-current"));
    assertTrue(
        Files.readString(site.resolve("sitemap.xml"), StandardCharsets.UTF_8)
            .contains("<loc>https://example.org/sub/health/</loc>"));
  }

  @Test
  void noBrokenLinkNoUnsafeMarkupAndTheSameBytesTwice() throws IOException {
    assertEquals(List.of(), BrokenLinkWalker.brokenLinks(site));
    assertEquals(List.of(), UnsafeMarkupScanner.problems(site));
    Path again = tmp.resolve("again");
    build(FIXTURE, again);
    assertEquals(
        List.of(),
        SiteFingerprint.differences(SiteFingerprint.of(site), SiteFingerprint.of(again)));
  }

  @Test
  void demoContentHealthPageSaysNoCollisions() throws IOException {
    Path demo = tmp.resolve("demo");
    build(Path.of("content"), demo);
    Document d = page(demo, "health/index.html");
    assertEquals(List.of(), d.select(".health-pair"));
    assertEquals(
        "No trigger of one skill routes to another.",
        d.selectFirst("section[aria-labelledby=ss-collisions] p").text());
    assertEquals(
        "Every skill is reached by at least one of its own triggers.",
        d.selectFirst("section[aria-labelledby=ss-unreachable] p").text());
    assertEquals(
        "No description findings.", d.selectFirst("section[aria-labelledby=ss-lint] p").text());
    assertTrue(
        d.selectFirst(".lead").text().matches("[1-9][0-9]* trigger phrases and keywords routed .*"),
        "the demo's triggers were probed: " + d.selectFirst(".lead").text());
    assertEquals(
        List.of(),
        page(demo, "skills/oban-thinking/index.html").select("section.skill-health"),
        "a clean skill shows no routing health section");
  }

  @Test
  void aSkillReadLenientlyIsPublishedRoutedAndShowsItsErrorOnItsPageAndTheHealthPage()
      throws IOException {
    Path out = tmp.resolve("lenient");
    BuildResult result =
        build(Path.of("src/test/resources/sites/lenient-frontmatter/content"), out);
    assertEquals(5, result.errors(), result.summary());
    assertEquals(1, result.exitCode(false), "an error, though the skill is published");
    Document page = page(out, "skills/colon-in-value/index.html");
    assertEquals(
        "Tailwind v4 house style: semantic tokens, container queries and dark mode. Use when styling a"
            + " component.",
        page.selectFirst(".full-description p").text());
    Element finding =
        page.selectFirst("section.skill-health li:has(.kind:contains(lenient-frontmatter))");
    assertNotNull(finding, "the skill page shows the problem");
    assertTrue(finding.text().contains("skills/colon-in-value/SKILL.md:3:37"), finding.text());
    assertTrue(finding.text().contains("(hint: quote the value"), finding.text());
    assertEquals(
        List.of("styling a component"),
        page.select("#ss-triggers .use-when li").eachText(),
        "the skill page shows its when-clause as a trigger");
    Document quoted = page(out, "skills/quoted-ok/index.html");
    assertEquals(
        "Quoted: this one is valid YAML and needs no lenient reading",
        quoted.selectFirst("#ss-triggers .fallback").ownText(),
        "no when-clause: the sentence of what it does stands in");
    String home = page(out, "index.html").text();
    assertTrue(home.contains("7 triggers (phrases, keywords, when-clauses)"), home);
    Document health = page(out, "health/index.html");
    assertEquals(
        List.of(), health.select("section[aria-labelledby=ss-unreachable] li a").eachText());
    assertEquals(
        List.of("block-colon", "colon-in-value", "crlf-colon", "tab-indent", "unclosed"),
        health
            .select(
                "section[aria-labelledby=ss-lint] li:has(.kind:matches(lenient-frontmatter|unterminated))"
                    + " > a")
            .eachText()
            .stream()
            .distinct()
            .sorted()
            .toList());
  }
}
