package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Catalog;
import dev.skillsite.site.view.Pager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long lists are split into pages: a collection of 1,200 skills, some of them as heavy as a card
 * can be (hundreds of long trigger phrases full of characters HTML escapes), gives a site where
 * every HTML page stays under {@link Paging#MAX_PAGE_BYTES}, page 1 of every list keeps its URL,
 * the pages together list every skill and trigger once and in order, and their links (previous,
 * next, page numbers, letters) lead to pages that exist.
 */
class PaginationTest {
  private static final int SKILLS = 1200;
  @TempDir static Path tmp;
  private static Path site;
  private static Catalog catalog;

  @BeforeAll
  static void generate() throws IOException {
    CatalogFixture f =
        new CatalogFixture().collection("main", "Main", "Every skill of the test registry.");
    for (int i = 0; i < SKILLS; i++) {
      String name = String.format("%s-skill-%04d", (char) ('a' + i % 26), i);
      var s = f.skill(name).collection("main");
      if (i % 50 == 0) {
        // the heaviest card: a description at the spec's limit and 300 long phrases, all escaped
        List<String> phrases = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
          phrases.add(("run <\"" + name + "\"> & 'check' number " + p + " ").repeat(4).strip());
        }
        s.description(("Use when <b>\"" + name + "\"</b> & 'friends' are asked for. ").repeat(20))
            .phrases(phrases.toArray(String[]::new))
            .keywords("K&" + i, "<kw" + i + ">");
      } else {
        s.description("Use when the user asks to \"do task " + i + "\" or mentions Tool" + i + ".")
            .phrases("do task " + i, "another phrase for " + i)
            .keywords("Tool" + i);
      }
      f = s.add();
    }
    catalog = f.catalog();
    site = tmp.resolve("site");
    new SiteGenerator(Optional.empty()).generate(new SiteInput(catalog, Map.of()), site);
  }

  @Test
  void everyPageStaysUnderTheBound() throws IOException {
    List<String> over = new ArrayList<>();
    int pages = 0;
    long largest = 0;
    String largestPage = "";
    try (Stream<Path> files = Files.walk(site)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        pages++;
        long size = Files.size(p);
        if (size > largest) {
          largest = size;
          largestPage = site.relativize(p).toString();
        }
        if (size > Paging.MAX_PAGE_BYTES) {
          over.add(site.relativize(p) + " " + size);
        }
      }
    }
    System.out.println("largest page: " + largestPage + " " + largest + " bytes of " + pages);
    assertTrue(pages > SKILLS, "pages: " + pages);
    assertTrue(over.isEmpty(), "over " + Paging.MAX_PAGE_BYTES + " bytes: " + over);
  }

  @Test
  void homePagesListEverySkillOnceInOrder() throws IOException {
    List<String> ids = cardsOfAllPages("index.html", "li.skill-card");
    List<String> expected =
        ListPages.cards(catalog.skills(), "index.html", Map.of(), new AuditViews(Optional.empty()))
            .stream()
            .map(c -> c.id())
            .toList();
    assertEquals(expected, ids);
    assertEquals(SKILLS, new LinkedHashSet<>(ids).size());
    // each page but the last ends at its first natural cut past half full, or full, or at the
    // budget
    List<dev.skillsite.site.view.SkillCard> cards =
        ListPages.cards(catalog.skills(), "index.html", Map.of(), new AuditViews(Optional.empty()));
    List<List<String>> pages = pagesOf("index.html", "li.skill-card");
    int at = 0;
    for (int n = 0; n < pages.size(); n++) {
      int size = pages.get(n).size();
      assertTrue(size >= 1 && size <= Paging.CARDS, "page " + (n + 1) + ": " + size);
      long bytes = 0;
      for (int i = 0; i < size; i++) {
        var c = cards.get(at + i);
        bytes += ListPages.weight(c);
        boolean last = i == size - 1;
        if (!last && i + 1 >= Paging.MIN_CARDS) {
          assertFalse(ListPages.cardCut(c), "page " + (n + 1) + " runs past a cut at " + (i + 1));
        }
      }
      at += size;
      if (n < pages.size() - 1) {
        var lastCard = cards.get(at - 1);
        boolean cut = size >= Paging.MIN_CARDS && ListPages.cardCut(lastCard);
        boolean full = size == Paging.CARDS;
        boolean budget = bytes + ListPages.weight(cards.get(at)) > Paging.BUDGET;
        assertTrue(cut || full || budget, "page " + (n + 1) + " ends at no cut: " + size);
      }
    }
    assertTrue(pages.size() > SKILLS / Paging.CARDS, "pages: " + pages.size());
    assertFalse(Files.exists(site.resolve("page_" + (pages.size() + 1) + ".html")));
  }

  /**
   * The count of skills is on a list's page 1 only ("N skills"), so that a skill added or removed
   * changes the pages its card is on, not every page of the list.
   */
  @Test
  void theCountOfSkillsIsOnPageOneOnly() throws IOException {
    String count = SKILLS + " skills";
    for (String first : List.of("index.html", "collections/main/index.html", "skills/index.html")) {
      Document one = read(first);
      assertTrue(one.text().contains(count), first + " says " + count);
      String page = next(first, one);
      int n = 1;
      while (!page.isEmpty()) {
        Document d = read(page);
        assertFalse(d.text().contains(count), page + " says " + count);
        page = next(page, d);
        n++;
      }
      assertTrue(n > 1, first + " has one page");
    }
  }

  /**
   * The home page's and collections' cards, and the skills A–Z, are cut where their skills' ids say
   * (a card whose id hashes to a natural cut, past half a page): on 30,000 made-up skills (seeded),
   * one skill added or removed, 400 times at random, changes few pages of each — its own and rarely
   * the next (at most two pages in 95% of the edits) — and the number of pages seldom; cut greedily
   * by count, every page after the edit changes.
   */
  @Test
  void cardPagesCutWhereTheirSkillsSay() {
    java.util.Random random = new java.util.Random(19);
    List<dev.skillsite.site.view.SkillCard> cards = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      cards.add(randomCard(random));
    }
    cards.sort(CARD_ORDER);
    Map<dev.skillsite.site.view.SkillCard, Integer> weights = new java.util.IdentityHashMap<>();
    Map<dev.skillsite.site.view.SkillCard, Integer> rowWeights = new java.util.IdentityHashMap<>();
    record Split(
        String name,
        java.util.function.Function<
                List<dev.skillsite.site.view.SkillCard>,
                List<List<dev.skillsite.site.view.SkillCard>>>
            cuts,
        java.util.function.Function<
                List<dev.skillsite.site.view.SkillCard>,
                List<List<dev.skillsite.site.view.SkillCard>>>
            greedy,
        int min,
        int max) {}
    List<Split> splits =
        List.of(
            new Split(
                "cards",
                c ->
                    ListPages.CARD_PAGES.split(
                        c, w(weights, ListPages::weight), ListPages::cardCut),
                c -> new Paging(Paging.CARDS).split(c, w(weights, ListPages::weight)),
                Paging.MIN_CARDS,
                Paging.CARDS),
            new Split(
                "skills A–Z",
                c ->
                    ListPages.SKILL_ROW_PAGES.split(
                        c, w(rowWeights, ListPages::rowWeight), ListPages::rowCut),
                c -> new Paging(Paging.ROWS).split(c, w(rowWeights, ListPages::rowWeight)),
                Paging.MIN_ROWS,
                Paging.ROWS));
    for (Split split : splits) {
      List<List<dev.skillsite.site.view.SkillCard>> pages = split.cuts().apply(cards);
      for (int n = 0; n < pages.size() - 1; n++) {
        int size = pages.get(n).size();
        assertTrue(size >= split.min() && size <= split.max(), "page " + (n + 1) + ": " + size);
      }
      int edits = 400;
      SplitEdits.Result r =
          SplitEdits.run(
              cards,
              edits,
              (now, e) -> {
                if (e % 2 == 0) {
                  now.add(randomCard(random));
                  now.sort(CARD_ORDER);
                } else {
                  now.remove(random.nextInt(now.size()));
                }
              },
              split.cuts(),
              split.greedy());
      System.out.printf(
          "%s: %d pages of 30,000 skills; %d edits: page count moved %d times, pages changed"
              + " mean %.2f, most %d, at most 2 in %d; cut by count: %d pages, pages changed"
              + " mean %.1f%n",
          split.name(),
          r.pages(),
          edits,
          r.countMoved(),
          r.mean(),
          r.most(),
          r.atMost(2),
          r.greedyPages(),
          r.greedyMean());
      assertTrue(r.countMoved() <= edits / 20, split.name() + ": the page count moved");
      assertTrue(r.mean() <= 1.5, split.name() + ": pages changed, mean " + r.mean());
      // an edit whose page now ends at another cut (or at the budget: these rows are heavy, their
      // pages end near it) moves the pages after it until two cuts meet again: rarely, printed
      // ("most"), not bounded here
      assertTrue(
          r.atMost(2) >= (edits - r.countMoved()) * 95 / 100,
          split.name() + ": more than its page and the next changed " + r.atMost(2));
      assertTrue(r.greedyChanged() > 10L * edits, split.name() + ": greedy " + r.greedyChanged());
    }
  }

  /** {@code weight}, each card's worked out once. */
  private static java.util.function.ToIntFunction<dev.skillsite.site.view.SkillCard> w(
      Map<dev.skillsite.site.view.SkillCard, Integer> seen,
      java.util.function.ToIntFunction<dev.skillsite.site.view.SkillCard> weight) {
    return c -> seen.computeIfAbsent(c, weight::applyAsInt);
  }

  private static final java.util.Comparator<dev.skillsite.site.view.SkillCard> CARD_ORDER =
      java.util.Comparator.comparing(
              dev.skillsite.site.view.SkillCard::name, String.CASE_INSENSITIVE_ORDER)
          .thenComparing(dev.skillsite.site.view.SkillCard::name)
          .thenComparing(dev.skillsite.site.view.SkillCard::id);

  private static dev.skillsite.site.view.SkillCard randomCard(java.util.Random random) {
    StringBuilder name = new StringBuilder();
    int letters = 4 + random.nextInt(16);
    for (int l = 0; l < letters; l++) {
      name.append(l > 0 && random.nextInt(6) == 0 ? '-' : (char) ('a' + random.nextInt(26)));
    }
    String id = "c" + random.nextInt(300) + "/" + name + "-" + random.nextInt(1_000_000);
    List<String> phrases = new ArrayList<>();
    for (int p = random.nextInt(6); p > 0; p--) {
      phrases.add("do " + name + " task " + random.nextInt(1000));
    }
    return new dev.skillsite.site.view.SkillCard(
        id,
        "../skills/" + id + "/index.html",
        name.toString(),
        "Use when the user asks to " + "work on it ".repeat(1 + random.nextInt(20)),
        phrases);
  }

  @Test
  void collectionAndAzPagesListEverySkillOnce() throws IOException {
    assertEquals(SKILLS, cardsOfAllPages("collections/main/index.html", "li.skill-card").size());
    List<String> az = cardsOfAllPages("skills/index.html", ".az-list li");
    assertEquals(SKILLS, az.size());
    assertEquals(SKILLS, new LinkedHashSet<>(az).size());
  }

  @Test
  void triggerPagesListEveryTriggerOnce() throws IOException {
    int expected =
        catalog.skills().stream()
            .mapToInt(
                s ->
                    (int) s.triggers().phrases().stream().distinct().count()
                        + (int) s.triggers().keywords().stream().distinct().count())
            .sum();
    int rows = 0;
    String page = "triggers/index.html";
    int n = 0;
    while (!page.isEmpty()) {
      Document d = read(page);
      rows += d.select(".trigger-list li").size();
      page = next(page, d);
      n++;
    }
    assertEquals(expected, rows);
    assertTrue(n > 2, "trigger pages: " + n);
  }

  /** Previous, next, page numbers and letters all lead to pages that exist; only one is current. */
  @Test
  void pagerLinksLeadToPagesThatExist() throws IOException {
    for (String first :
        List.of(
            "index.html",
            "collections/main/index.html",
            "skills/index.html",
            "triggers/index.html")) {
      String page = first;
      int number = 1;
      while (!page.isEmpty()) {
        Document d = read(page);
        Element nav = d.selectFirst("nav.pagination");
        assertTrue(nav != null, page);
        assertEquals(
            String.valueOf(number),
            nav.select("a[aria-current=page]").text().replace("Page ", ""),
            page);
        Element head = d.selectFirst("link[rel=prev]");
        assertEquals(number > 1, head != null, page + " rel=prev");
        for (Element a :
            d.select("nav.pagination a, nav.letters a, link[rel=prev], link[rel=next]")) {
          String href = a.attr("href").replaceFirst("#.*", "");
          Path target = site.resolve(page).getParent().resolve(href).normalize();
          assertTrue(Files.isRegularFile(target), page + " links to a missing " + a.attr("href"));
          String anchor =
              a.attr("href").contains("#") ? a.attr("href").replaceFirst(".*#", "") : "";
          if (!anchor.isEmpty()) {
            assertTrue(
                Jsoup.parse(target.toFile(), "UTF-8").getElementById(anchor) != null,
                page + ": no #" + anchor + " in " + href);
          }
        }
        page = next(page, d);
        number++;
      }
    }
  }

  @Test
  void aSmallListIsOnePageAtItsUrl() throws IOException {
    Path small = tmp.resolve("small");
    Catalog c = new CatalogFixture().skill("one").add().skill("two").add().catalog();
    new SiteGenerator(Optional.empty()).generate(new SiteInput(c, Map.of()), small);
    Document home = Jsoup.parse(small.resolve("index.html").toFile(), "UTF-8");
    assertEquals(2, home.select("li.skill-card").size());
    assertTrue(home.select("nav.pagination, link[rel=next]").isEmpty());
    assertFalse(Files.exists(small.resolve("page_2.html")));
    assertEquals(
        "#ss-o",
        Jsoup.parse(small.resolve("skills/index.html").toFile(), "UTF-8")
            .selectFirst("nav.letters a")
            .attr("href"));
  }

  @Test
  void pagesSplitByCountAndByBytes() {
    Paging paging = new Paging(3, 10);
    assertEquals(
        List.of(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7)),
        paging.split(List.of(1, 2, 3, 4, 5, 6, 7), x -> 1));
    // by bytes: 4 + 4 fits, a third would not; an entry over the budget has a page of its own
    assertEquals(
        List.of(List.of(4, 4), List.of(4), List.of(30), List.of(1)),
        paging.split(List.of(4, 4, 4, 30, 1), x -> x));
    assertEquals(List.of(List.of()), paging.split(List.<Integer>of(), x -> 1));
  }

  @Test
  void pagePathsAndPager() {
    assertEquals("skills/index.html", Paging.path("skills/index.html", 1));
    assertEquals("skills/page_7.html", Paging.path("skills/index.html", 7));
    assertEquals("page_2.html", Paging.path("index.html", 2));
    assertEquals(Pager.NONE, Paging.pager("index.html", 1, 1, i -> ""));
    Pager p = Paging.pager("skills/index.html", 6, 20, i -> "t" + i);
    assertEquals("page_5.html", p.prev());
    assertEquals("page_7.html", p.next());
    // 1 … 4 5 [6] 7 8 … 20
    List<String> shown = new ArrayList<>();
    p.links()
        .forEach(
            l -> shown.add(l.gap() ? "…" : l.current() ? "[" + l.number() + "]" : "" + l.number()));
    assertEquals(List.of("1", "…", "4", "5", "[6]", "7", "8", "…", "20"), shown);
    assertEquals("index.html", p.links().get(0).href());
    assertEquals("", Paging.pager("index.html", 1, 3, i -> "").prev());
    assertEquals("", Paging.pager("index.html", 3, 3, i -> "").next());
  }

  /**
   * The trigger index cuts its pages where its rows say (a row whose hash is a natural cut, past
   * 500 rows): on 30,000 rows of made-up words (seeded; no corpus's), every page but the last holds
   * 500 to 1,000 rows, and one row added or removed, 400 times at random, changes few pages — its
   * own and rarely the next — and the number of pages seldom; cut greedily at 1,000 rows, every
   * page after the edit changes.
   */
  @Test
  void triggerPagesCutWhereTheirRowsSay() {
    java.util.Random random = new java.util.Random(27);
    List<dev.skillsite.site.view.TriggerEntry> rows = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      rows.add(randomRow(random));
    }
    rows.sort(ListPages.TRIGGER_ORDER);
    Paging greedy = new Paging(Paging.ROWS);
    List<List<dev.skillsite.site.view.TriggerEntry>> pages = triggerPages(rows);
    for (int n = 0; n < pages.size() - 1; n++) {
      int size = pages.get(n).size();
      assertTrue(size >= Paging.MIN_ROWS && size <= Paging.ROWS, "page " + (n + 1) + ": " + size);
    }
    int edits = 400;
    SplitEdits.Result r =
        SplitEdits.run(
            rows,
            edits,
            (now, e) -> {
              if (e % 2 == 0) {
                now.add(randomRow(random));
                now.sort(ListPages.TRIGGER_ORDER);
              } else {
                now.remove(random.nextInt(now.size()));
              }
            },
            PaginationTest::triggerPages,
            r0 -> greedy.split(r0, ListPages::triggerWeight));
    System.out.printf(
        "trigger pages: %d of 30,000 rows; %d edits: page count moved %d times, pages changed"
            + " mean %.2f, most %d; cut at 1,000 rows: %d pages, pages changed mean %.1f%n",
        r.pages(), edits, r.countMoved(), r.mean(), r.most(), r.greedyPages(), r.greedyMean());
    assertTrue(r.countMoved() <= edits / 20, "the page count moved " + r.countMoved() + " times");
    assertTrue(r.mean() <= 1.5, "pages changed, mean " + r.mean());
    assertTrue(r.most() <= 4, "pages changed, most " + r.most());
  }

  private static List<List<dev.skillsite.site.view.TriggerEntry>> triggerPages(
      List<dev.skillsite.site.view.TriggerEntry> rows) {
    return ListPages.TRIGGER_PAGES.split(rows, ListPages::triggerWeight, ListPages::triggerCut);
  }

  private static dev.skillsite.site.view.TriggerEntry randomRow(java.util.Random random) {
    StringBuilder text = new StringBuilder();
    int words = 1 + random.nextInt(5);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        text.append(' ');
      }
      int letters = 2 + random.nextInt(8);
      for (int l = 0; l < letters; l++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
    }
    String skill = "skill-" + random.nextInt(5000);
    return new dev.skillsite.site.view.TriggerEntry(
        text.toString(),
        random.nextInt(4) == 0 ? "keyword" : "phrase",
        skill,
        "../skills/" + skill + "/index.html");
  }

  @Test
  void aCardShowsItsPhrasesUpToABudget() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add("phrase number " + i + " with some words");
    }
    List<String> shown = ListPages.cardPhrases(many);
    assertTrue(shown.size() < many.size());
    assertEquals("+" + (many.size() - shown.size() + 1) + " more", shown.get(shown.size() - 1));
    assertEquals(List.of("a", "b"), ListPages.cardPhrases(List.of("a", "b")));
  }

  /** The ids each page of a list shows, page after page. */
  private static List<List<String>> pagesOf(String first, String selector) throws IOException {
    List<List<String>> pages = new ArrayList<>();
    String page = first;
    while (!page.isEmpty()) {
      Document d = read(page);
      List<String> ids = new ArrayList<>();
      d.select(selector).forEach(e -> ids.add(e.attr("data-skill-id")));
      pages.add(ids);
      page = next(page, d);
    }
    return pages;
  }

  private static List<String> cardsOfAllPages(String first, String selector) throws IOException {
    List<String> ids = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    String page = first;
    while (!page.isEmpty()) {
      assertTrue(seen.add(page), "a loop at " + page);
      Document d = read(page);
      d.select(selector).forEach(e -> ids.add(e.attr("data-skill-id")));
      page = next(page, d);
    }
    return ids;
  }

  private static final Pattern DIR = Pattern.compile("^(.*/)?[^/]*$");

  /** The page rel=next leads to, as a site path, {@code ""} on the last. */
  private static String next(String page, Document d) {
    Element next = d.selectFirst("link[rel=next]");
    if (next == null) {
      return "";
    }
    Matcher m = DIR.matcher(page);
    m.matches();
    return (m.group(1) == null ? "" : m.group(1)) + next.attr("href");
  }

  private static Document read(String page) throws IOException {
    return Jsoup.parse(site.resolve(page).toFile(), "UTF-8");
  }
}
