package dev.skillsite.site;

import dev.skillsite.check.CollisionMatrix;
import dev.skillsite.check.RoutingHealthView;
import dev.skillsite.site.view.HealthPage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The routing health report split into pages like the lists ({@link Paging}): page 1 keeps {@code
 * health/index.html} and holds the summary (the collision matrix, the listing budget) and the first
 * entries; the collision pairs, unreachable skills, skills called by name only and description
 * findings follow in that order on {@code health/page_2.html} …, each entry on exactly one page. A
 * page holds at most {@link #ENTRIES} entries and {@link Paging#BUDGET} estimated bytes of them, so
 * that it stays under {@link Paging#MAX_PAGE_BYTES}, and ends where its entries say ({@link
 * Paging#splitByFill}: at the first natural cut once half full), not where a count does: an entry
 * that comes or goes early in the report changes its own page, not every page after it. Every page
 * is in {@code health/}: a skill's href is the same on each.
 */
final class HealthPages {
  /** The report's title (each page's, before "(page n of N)" and the site's title). */
  static final String TITLE = "Routing health";

  /** Entries (a pair with its table, an unreachable skill, a finding) on a page at most. */
  static final int ENTRIES = 500;

  private static final Paging PAGES = new Paging(ENTRIES);

  /** Markup a pair's card adds (heading, links, table head, suggestion). */
  static final int PAIR_MARKUP = 700;

  /** Markup a row of a pair's table adds. */
  static final int SHARED_MARKUP = 200;

  /** Markup a list item (an unreachable skill, a finding) adds. */
  static final int ITEM_MARKUP = 160;

  private static final String[] SECTIONS = {
    "collisions", "unreachable", "by name only", "description lint"
  };

  private static final String[] HEADINGS = {
    "Trigger collisions", "Unreachable skills", "Called by name only", "Description lint"
  };

  private static final String[] ANCHORS = {
    "ss-collisions", "ss-unreachable", "ss-name-only", "ss-lint"
  };

  private HealthPages() {}

  /** One entry of the report: its section (an index of {@link #SECTIONS}) and itself. */
  record Entry(int section, Object item) {}

  /** A page's entries sorted back into the report's four sections, in order. */
  private record Sections(
      List<RoutingHealthView.Pair> pairs,
      List<RoutingHealthView.Lost> unreachable,
      List<RoutingHealthView.Lost> nameOnly,
      List<RoutingHealthView.Finding> lint) {
    static Sections of(List<Entry> entries) {
      Sections on =
          new Sections(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (Entry e : entries) {
        switch (e.section()) {
          case 0 -> on.pairs().add((RoutingHealthView.Pair) e.item());
          case 1 -> on.unreachable().add((RoutingHealthView.Lost) e.item());
          case 2 -> on.nameOnly().add((RoutingHealthView.Lost) e.item());
          default -> on.lint().add((RoutingHealthView.Finding) e.item());
        }
      }
      return on;
    }
  }

  /** The pages of {@code view}, whose hrefs are relative to {@code health/index.html}. */
  static List<ListPages.Paged<HealthPage>> of(RoutingHealthView view) {
    List<Entry> entries = new ArrayList<>();
    view.pairs().forEach(p -> entries.add(new Entry(0, p)));
    view.unreachable().forEach(u -> entries.add(new Entry(1, u)));
    view.nameOnly().forEach(u -> entries.add(new Entry(2, u)));
    view.lint().forEach(f -> entries.add(new Entry(3, f)));
    return pages(entries, view.probes(), view.matrix(), view.listing());
  }

  /**
   * The pages of a report of {@code entries} (in report order) whose summary shows {@code probes},
   * {@code matrix} and {@code listing}: a whole build's ({@link #of}), and a patch's when the page
   * count or a section's pages move ({@code HealthState}: the report split again whole).
   */
  static List<ListPages.Paged<HealthPage>> pages(
      List<Entry> entries, int probes, CollisionMatrix matrix, RoutingHealthView.Listing listing) {
    List<List<Entry>> pages = PAGES.splitByFill(entries, HealthPages::weight, HealthPages::hash);
    int[] counts = new int[SECTIONS.length];
    entries.forEach(e -> counts[e.section()]++);
    List<HealthPage.Section> sections = new ArrayList<>();
    int[] firstPage = new int[SECTIONS.length];
    for (int s = 0; s < SECTIONS.length; s++) {
      int from = 0;
      int to = 0;
      for (int n = 1; n <= pages.size(); n++) {
        int section = s;
        if (pages.get(n - 1).stream().anyMatch(e -> e.section() == section)) {
          from = from == 0 ? n : from;
          to = n;
        }
      }
      firstPage[s] = from;
      String file = Paging.path(SiteLayout.HEALTH, Math.max(from, 1));
      String name = file.substring(file.lastIndexOf('/') + 1);
      sections.add(
          new HealthPage.Section(
              HEADINGS[s],
              counts[s],
              from == 0 ? "" : from == to ? "page " + from : "pages " + from + "–" + to,
              from == 0 ? "" : (pages.size() == 1 ? "" : name) + "#" + ANCHORS[s]));
    }
    return ListPages.paged(
        SiteLayout.HEALTH,
        pages,
        HealthPages::title,
        (n, page) -> {
          Sections on = Sections.of(page);
          return new HealthPage(
              n == 1,
              probes,
              matrix,
              listing,
              on.pairs(),
              on.unreachable(),
              on.nameOnly(),
              on.lint(),
              counts[0],
              counts[1],
              counts[2],
              counts[3],
              sections,
              List.of(
                  firstPage[0] != 0 && firstPage[0] < n,
                  firstPage[1] != 0 && firstPage[1] < n,
                  firstPage[2] != 0 && firstPage[2] < n,
                  firstPage[3] != 0 && firstPage[3] < n));
        });
  }

  /** The entries on a page. */
  static int count(HealthPage page) {
    return entries(page).size();
  }

  /** The estimated bytes of a page's entries, as the split counts them. */
  static int bytes(HealthPage page) {
    int w = 0;
    for (Entry e : entries(page)) {
      w += weight(e);
    }
    return w;
  }

  /** The estimated bytes of a page's first entry (0 for an empty page). */
  static int firstWeight(HealthPage page) {
    List<Entry> all = entries(page);
    return all.isEmpty() ? 0 : weight(all.get(0));
  }

  /**
   * {@code page} holding {@code entries} instead of its own (in report order), all else as it was:
   * for a patch that splits a few pages again.
   */
  static HealthPage withEntries(HealthPage page, List<Entry> entries) {
    Sections on = Sections.of(entries);
    return new HealthPage(
        page.first(),
        page.probes(),
        page.matrix(),
        page.listing(),
        on.pairs(),
        on.unreachable(),
        on.nameOnly(),
        on.lint(),
        page.pairCount(),
        page.unreachableCount(),
        page.nameOnlyCount(),
        page.lintCount(),
        page.sections(),
        page.continued());
  }

  /** The sections (indexes of {@link #SECTIONS}) with an entry on {@code page}. */
  static Set<Integer> sectionsOn(HealthPage page) {
    Set<Integer> out = new java.util.TreeSet<>();
    entries(page).forEach(e -> out.add(e.section()));
    return out;
  }

  /**
   * Whether a page of {@code count} entries of {@code bytes} and {@code fill}, whose last entry is
   * a natural cut or not, ends before an entry of {@code next} (the split's rule).
   */
  static boolean ends(int count, long bytes, long fill, boolean cut, int next) {
    return PAGES.endsByFill(count, bytes, fill, cut, next);
  }

  /** Whether {@code page} is closed before an entry of {@code next} bytes: the split ends it. */
  static boolean closed(HealthPage page, int next) {
    List<Entry> all = entries(page);
    long bytes = 0;
    long fill = 0;
    for (Entry e : all) {
      bytes += weight(e);
      fill += fill(e);
    }
    return !all.isEmpty() && ends(all.size(), bytes, fill, cut(all.get(all.size() - 1)), next);
  }

  /**
   * Whether the split would end {@code page} before its last entry: at a natural cut past half its
   * fill (a page's count and bytes are checked whole).
   */
  static boolean endsEarly(HealthPage page) {
    List<Entry> all = entries(page);
    long bytes = 0;
    long fill = 0;
    for (int i = 0; i + 1 < all.size(); i++) {
      Entry e = all.get(i);
      bytes += weight(e);
      fill += fill(e);
      if (ends(i + 1, bytes, fill, cut(e), weight(all.get(i + 1)))) {
        return true;
      }
    }
    return false;
  }

  /** An entry's share of a page ({@link Paging#fill}). */
  static long fill(Entry e) {
    return PAGES.fill(weight(e));
  }

  /** Whether an entry is a natural cut of the report's pages ({@link Paging#cut(long, long)}). */
  static boolean cut(Entry e) {
    return Paging.cut(hash(e), fill(e));
  }

  /**
   * A stable hash of what an entry is, not what it holds ({@link Paging#hash}): its section and a
   * pair's two skills, a skill's href, a finding's skill, code and place (a finding's message may
   * carry scores that move).
   */
  static long hash(Entry e) {
    String section = String.valueOf(e.section());
    return switch (e.section()) {
      case 0 -> {
        RoutingHealthView.Pair p = (RoutingHealthView.Pair) e.item();
        yield Paging.hash(section, p.firstHref(), p.secondHref());
      }
      case 1, 2 -> Paging.hash(section, ((RoutingHealthView.Lost) e.item()).href());
      default -> {
        RoutingHealthView.Finding f = (RoutingHealthView.Finding) e.item();
        yield Paging.hash(section, f.href(), f.code(), f.where());
      }
    };
  }

  static List<Entry> entries(HealthPage page) {
    List<Entry> entries = new ArrayList<>();
    page.pairs().forEach(p -> entries.add(new Entry(0, p)));
    page.unreachable().forEach(u -> entries.add(new Entry(1, u)));
    page.nameOnly().forEach(u -> entries.add(new Entry(2, u)));
    page.lint().forEach(f -> entries.add(new Entry(3, f)));
    return entries;
  }

  /** What a page holds, for its link's title: its sections. */
  private static String title(List<Entry> page) {
    Set<String> sections = new LinkedHashSet<>();
    page.forEach(e -> sections.add(SECTIONS[e.section()]));
    return String.join(", ", sections);
  }

  static int weight(Entry e) {
    return switch (e.section()) {
      case 0 -> weight((RoutingHealthView.Pair) e.item());
      case 1, 2 -> {
        RoutingHealthView.Lost u = (RoutingHealthView.Lost) e.item();
        yield Paging.weight(u.name())
            + Paging.weight(u.href())
            + Paging.weight(u.reason())
            + ITEM_MARKUP;
      }
      default -> {
        RoutingHealthView.Finding f = (RoutingHealthView.Finding) e.item();
        yield Paging.weight(f.skill())
            + Paging.weight(f.href())
            + Paging.weight(f.where())
            + Paging.weight(f.severity())
            + Paging.weight(f.code())
            + Paging.weight(f.message())
            + ITEM_MARKUP;
      }
    };
  }

  static int weight(RoutingHealthView.Pair p) {
    int w =
        Paging.weight(p.first())
            + Paging.weight(p.firstHref())
            + Paging.weight(p.second())
            + Paging.weight(p.secondHref())
            + Paging.weight(p.suggestion())
            + PAIR_MARKUP;
    for (RoutingHealthView.Shared t : p.triggers()) {
      w +=
          Paging.weight(t.trigger())
              + Paging.weight(t.owner())
              + Paging.weight(t.rival())
              + Paging.weight(t.ownerScore())
              + Paging.weight(t.rivalScore())
              + Paging.weight(t.kind())
              + SHARED_MARKUP;
    }
    return w;
  }
}
