package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.model.Catalog;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing health report is split into pages like the lists: on a synthetic collection of 400
 * skills with 3,945 colliding pairs (one of them with 300 long triggers full of characters HTML
 * escapes), every skill unreachable with two findings, 50 called by name only, every health page
 * stays under {@link Paging#MAX_PAGE_BYTES}, page 1 keeps {@code health/index.html} with the
 * summary, every entry appears on exactly one page and in order, and every link into {@code
 * health/} (the pager, the summary, the site's navigation) leads to a page and anchor that exist.
 */
class HealthPaginationTest {
  private static final int SKILLS = 400;
  private static final int RIVALS = 10;
  @TempDir static Path tmp;
  private static Path site;
  private static RoutingHealthView view;

  @BeforeAll
  static void generate() throws IOException {
    CatalogFixture f = new CatalogFixture();
    for (int i = 0; i < SKILLS; i++) {
      f =
          f.skill(String.format("skill-%04d", i))
              .description("Use when the user asks to \"do task " + i + "\".")
              .phrases("do task " + i)
              .add();
    }
    Catalog catalog = f.catalog();
    List<Skill> skills = catalog.skills();
    Function<SkillId, String> href = id -> Urls.relative(SiteLayout.HEALTH, SiteLayout.skill(id));
    List<RoutingHealthView.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < SKILLS; i++) {
      for (int j = i + 1; j <= i + RIVALS && j < SKILLS; j++) {
        Skill a = skills.get(i);
        Skill b = skills.get(j);
        int triggers = i == 7 && j == 8 ? 300 : 3;
        List<RoutingHealthView.Shared> shared = new ArrayList<>();
        for (int t = 0; t < triggers; t++) {
          String trigger = ("<do> \"task\" & 'thing' " + i + "/" + j + "/" + t + " ").repeat(4);
          shared.add(
              new RoutingHealthView.Shared(
                  trigger.strip(), b.name(), a.name(), "0.41", "0.87", "collision"));
        }
        pairs.add(
            new RoutingHealthView.Pair(
                a.name(),
                href.apply(a.id()),
                b.name(),
                href.apply(b.id()),
                shared,
                "make the triggers of " + b.name() + " name what only it handles"));
      }
    }
    List<RoutingHealthView.Lost> lost = new ArrayList<>();
    List<RoutingHealthView.Finding> lint = new ArrayList<>();
    for (Skill s : skills) {
      lost.add(
          new RoutingHealthView.Lost(
              s.name(), href.apply(s.id()), "its only trigger routes elsewhere first"));
      for (int k = 1; k <= 2; k++) {
        lint.add(
            new RoutingHealthView.Finding(
                s.name(),
                href.apply(s.id()),
                "skills/" + s.name() + "/SKILL.md:3:" + k,
                "warning",
                "vague-description",
                "the description opens on \"Helps with\" <" + k + ">"));
      }
    }
    view =
        new RoutingHealthView(
            pairs,
            lost,
            lint,
            12345,
            new RoutingHealthView.Listing(99999, 15000, List.of("skill-0100")),
            skills.subList(0, 50).stream()
                .map(
                    s ->
                        new RoutingHealthView.Lost(
                            s.name(), href.apply(s.id()), "disable-model-invocation: true"))
                .toList());
    HealthViews health =
        new HealthViews() {
          @Override
          public RoutingHealthView page(Function<SkillId, String> h) {
            return view;
          }

          @Override
          public RoutingHealthView.SkillHealth skill(SkillId id, Function<SkillId, String> h) {
            return new RoutingHealthView.SkillHealth(List.of(), List.of());
          }
        };
    site = tmp.resolve("site");
    new SiteGenerator(Optional.empty())
        .generate(new SiteInput(catalog, Map.of(), Optional.empty(), Optional.of(health)), site);
  }

  @Test
  void everyHealthPageStaysUnderTheBound() throws IOException {
    List<String> pages = pages();
    assertTrue(pages.size() > 5, "health pages: " + pages);
    assertEquals("health/index.html", pages.get(0));
    long largest = 0;
    for (String p : pages) {
      long size = Files.size(site.resolve(p));
      largest = Math.max(largest, size);
      assertTrue(size < Paging.MAX_PAGE_BYTES, p + ": " + size + " bytes");
    }
    System.out.println("largest health page: " + largest + " bytes of " + pages.size());
    try (Stream<Path> files = Files.list(site.resolve("health"))) {
      assertEquals(pages.size(), files.count(), "every page of health/ is in the chain");
    }
  }

  @Test
  void everyEntryIsOnExactlyOnePageInOrder() throws IOException {
    List<String> pairs = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    List<String> lint = new ArrayList<>();
    List<String> nameOnly = new ArrayList<>();
    int triggers = 0;
    for (String p : pages()) {
      Document d = read(p);
      for (Element pair : d.select(".health-pair")) {
        pairs.add(String.join("|", pair.select(".card-title a").eachText()));
        triggers += pair.select("tbody tr").size();
      }
      unreachable.addAll(d.select("section[aria-labelledby=ss-unreachable] li a").eachText());
      lint.addAll(d.select("section[aria-labelledby=ss-lint] li code").eachText());
      nameOnly.addAll(d.select("section[aria-labelledby=ss-name-only] li a").eachText());
    }
    assertEquals(view.pairs().stream().map(x -> x.first() + "|" + x.second()).toList(), pairs);
    assertEquals(new LinkedHashSet<>(pairs).size(), pairs.size());
    assertEquals(view.pairs().stream().mapToInt(x -> x.triggers().size()).sum(), triggers);
    assertEquals(
        view.unreachable().stream().map(RoutingHealthView.Lost::name).toList(), unreachable);
    assertEquals(view.lint().stream().map(RoutingHealthView.Finding::where).toList(), lint);
    assertEquals(view.nameOnly().stream().map(RoutingHealthView.Lost::name).toList(), nameOnly);
  }

  @Test
  void pageOneHasTheSummaryAndTheOthersDoNot() throws IOException {
    List<String> pages = pages();
    Document first = read(pages.get(0));
    assertNotNull(first.selectFirst(".collision-matrix"));
    assertNotNull(first.selectFirst("#ss-listing"));
    assertEquals(
        List.of(
            "Trigger collisions", "Unreachable skills", "Called by name only", "Description lint"),
        first.select("nav.health-summary li a").eachText());
    for (String p : pages.subList(1, pages.size())) {
      Document d = read(p);
      assertTrue(d.select(".collision-matrix, #ss-listing, nav.health-summary").isEmpty(), p);
      assertTrue(d.title().contains("(page "), d.title());
    }
  }

  /** Pager, summary and every other link into health/ lead to a page and an anchor that exist. */
  @Test
  void linksIntoTheHealthReportResolve() throws IOException {
    int links = 0;
    try (Stream<Path> files = Files.walk(site)) {
      for (Path file : files.filter(x -> x.toString().endsWith(".html")).toList()) {
        Document d = Jsoup.parse(file.toFile(), "UTF-8");
        for (Element a : d.select("a[href], link[rel=prev], link[rel=next]")) {
          String href = a.attr("href");
          boolean inHealth = file.getParent().equals(site.resolve("health"));
          if (href.contains("://") || !(href.contains("health/") || inHealth)) {
            continue;
          }
          String path = href.replaceFirst("#.*", "");
          Path target = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
          if (!target.startsWith(site.resolve("health"))) {
            continue;
          }
          links++;
          assertTrue(Files.isRegularFile(target), file + " links to a missing " + href);
          if (href.contains("#")) {
            String anchor = href.replaceFirst(".*#", "");
            assertNotNull(
                Jsoup.parse(target.toFile(), "UTF-8").getElementById(anchor),
                file + ": no #" + anchor + " in " + target);
          }
        }
      }
    }
    assertTrue(links > SKILLS, "links into health/: " + links);
  }

  @Test
  void aSmallReportIsOnePageWithoutNav() throws IOException {
    var pages =
        HealthPages.of(
            new RoutingHealthView(
                view.pairs().subList(0, 2),
                view.unreachable().subList(0, 1),
                List.of(),
                3,
                new RoutingHealthView.Listing(10, 100, List.of()),
                List.of()));
    assertEquals(1, pages.size());
    assertEquals("health/index.html", pages.get(0).path());
    assertFalse(pages.get(0).pager().paged());
    assertEquals("#ss-collisions", pages.get(0).view().sections().get(0).href());
    assertEquals("", pages.get(0).view().sections().get(3).href());
  }

  /** The health pages in rel=next order from health/index.html. */
  private static List<String> pages() throws IOException {
    List<String> pages = new ArrayList<>();
    String page = "health/index.html";
    while (page != null) {
      assertFalse(pages.contains(page), "a loop at " + page);
      pages.add(page);
      Element next = read(page).selectFirst("link[rel=next]");
      page = next == null ? null : "health/" + next.attr("href");
    }
    return pages;
  }

  private static Document read(String page) throws IOException {
    return Jsoup.parse(site.resolve(page).toFile(), "UTF-8");
  }
}
