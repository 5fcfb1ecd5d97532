package dev.skillsite.site;

import dev.skillsite.model.Skill;
import dev.skillsite.site.view.LetterGroup;
import dev.skillsite.site.view.LetterLink;
import dev.skillsite.site.view.PageView;
import dev.skillsite.site.view.Pager;
import dev.skillsite.site.view.TriggerEntry;
import dev.skillsite.site.view.TriggersPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * For {@link ListPatch}: the trigger index pages ({@code triggers/}) when one skill's trigger
 * phrases or keywords changed: rows reworded, added or removed. Its old rows are found from its
 * list record (phrases, keywords), and the page of each changed row from the pages' recorded first
 * rows (a binary search over {@link ListState.TriggerFacts}, O(log pages) lookups). Each run of
 * pages holding changed rows (a window) is split again by the full build's rule ({@link
 * ListPages#TRIGGER_PAGES}: pages end at natural cuts), continuing over the next pages until a page
 * ends where an old one did (then every later page is as it was): a row that moves far is a delete
 * in one window and an insert in another. Page 1 is made again when the count of rows changes (it
 * alone shows it).
 *
 * <p>What the windows cannot take — the number of pages changes (every page shows it, and page
 * numbers after a new or lost page move), a letter's first page moves or a letter comes or goes
 * (every page links to it), the first or last page's range changes (every page's pager names it),
 * two windows meet, or more than {@link #MAX_PAGES} pages would be read — is split again whole
 * ({@link #whole}: every page read, the pages whose records change made again, pages added or
 * deleted); refused, with the reason, with {@code -Dskillsite.triggerRepage=false}.
 */
final class TriggerIndexPatch {
  /** Pages of the trigger index a patch reads and splits again at most (each up to 1,000 rows). */
  static final int MAX_PAGES = 16;

  private static final Paging PAGES = ListPages.TRIGGER_PAGES;

  private TriggerIndexPatch() {}

  /**
   * What the index of a patched site holds: the pages made again and their facts, or why not; when
   * the whole index was split again ({@link #whole}), its page count now and the pages added (past
   * the old count) and deleted (past the new one), site paths.
   */
  record Result(
      Map<String, ListState.PageRecord> pages,
      Map<Integer, ListState.TriggerFacts> facts,
      Optional<String> refused,
      int count,
      List<String> added,
      List<String> deleted) {
    Result(
        Map<String, ListState.PageRecord> pages,
        Map<Integer, ListState.TriggerFacts> facts,
        Optional<String> refused,
        int count) {
      this(pages, facts, refused, count, List.of(), List.of());
    }

    static Result refuse(String why) {
      return new Result(Map.of(), Map.of(), Optional.of(why), 0);
    }
  }

  /**
   * Whether a patch the windows cannot take (the page count moves, a letter's first page moves, the
   * first or last page's range changes, two windows meet, more than {@link #MAX_PAGES} pages)
   * splits the whole index again and renders the pages that change ({@code
   * -Dskillsite.triggerRepage=false}: refused, the site built whole, as before).
   */
  static boolean repage() {
    return !"false".equals(System.getProperty("skillsite.triggerRepage"));
  }

  /**
   * A measurement aid ({@code -Dskillsite.triggerRepage=always}): every patch of the index splits
   * it again whole, as one whose page count moves does (the same pages; every page read).
   */
  static boolean repageAlways() {
    return "always".equals(System.getProperty("skillsite.triggerRepage"));
  }

  /** The facts of a trigger page as {@link ListState} records them. */
  static ListState.TriggerFacts facts(TriggersPage view) {
    return facts(rows(view));
  }

  private static ListState.TriggerFacts facts(List<TriggerEntry> rows) {
    long bytes = rows.stream().mapToLong(ListPages::triggerWeight).sum();
    return rows.isEmpty()
        ? new ListState.TriggerFacts(null, null, 0, 0)
        : new ListState.TriggerFacts(rows.get(0), rows.get(rows.size() - 1), rows.size(), bytes);
  }

  /**
   * A page's rows in the index's order: its letter groups show "#" last, so a page holding rows
   * under "#" (a digit or a sign first) and under letters does not list them in that order.
   */
  private static List<TriggerEntry> rows(TriggersPage view) {
    return view.groups().stream()
        .flatMap(g -> g.entries().stream())
        .sorted(ListPages.TRIGGER_ORDER)
        .toList();
  }

  /** Old pages {@code a..c} split again as {@code pages} (one per old page). */
  private record Window(int a, int c, List<List<TriggerEntry>> pages) {}

  /** The pages of the index being patched: what is read, and the changed rows by old page. */
  private static final class Index {
    final ListState state;
    final Map<String, ListState.PageRecord> loaded;
    final int count;
    final Map<Integer, ListState.TriggerFacts> facts = new HashMap<>();
    final Map<Integer, List<TriggerEntry>> removed = new TreeMap<>();
    final Map<Integer, List<TriggerEntry>> added = new TreeMap<>();
    final Map<Integer, TriggersPage> oldViews = new TreeMap<>();

    Index(ListState state, Map<String, ListState.PageRecord> loaded, int count) {
      this.state = state;
      this.loaded = loaded;
      this.count = count;
    }

    ListState.TriggerFacts facts(int n) {
      return facts.computeIfAbsent(
          n,
          k ->
              state
                  .triggerPage(k)
                  .orElseThrow(() -> new IllegalStateException("no facts of trigger page " + k)));
    }

    /** The page whose rows {@code e} sorts among: the last whose first row is not after it. */
    int pageOf(TriggerEntry e) {
      int lo = 1;
      int hi = count;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        TriggerEntry first = facts(mid).first();
        if (first != null && ListPages.TRIGGER_ORDER.compare(first, e) <= 0) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    boolean dirty(int n) {
      return removed.containsKey(n) || added.containsKey(n);
    }

    TriggersPage view(int n) {
      return oldViews.computeIfAbsent(
          n,
          k ->
              (TriggersPage)
                  ListPatch.load(state, loaded, Paging.path(SiteLayout.TRIGGERS, k)).typed());
    }

    /** Page {@code n}'s rows with its changed rows removed and added, in order; null if absent. */
    List<TriggerEntry> rowsNow(int n) {
      List<TriggerEntry> rows = new ArrayList<>(rows(view(n)));
      for (TriggerEntry e : removed.getOrDefault(n, List.of())) {
        if (!rows.remove(e)) {
          return null;
        }
      }
      rows.addAll(added.getOrDefault(n, List.of()));
      rows.sort(ListPages.TRIGGER_ORDER);
      return rows;
    }

    /** Whether page {@code n} as its facts say ends before a row of {@code next} bytes. */
    boolean ends(int n, int next) {
      ListState.TriggerFacts f = facts(n);
      return f.rows() > 0 && PAGES.ends(f.rows(), f.bytes(), ListPages.triggerCut(f.last()), next);
    }
  }

  /**
   * The trigger pages that change when {@code now} (same id and name as its record {@code was}) has
   * its triggers now; the records are the views before rendering (the caller renders them).
   */
  static Result patch(
      ListState state,
      Map<String, ListState.PageRecord> loaded,
      Skill now,
      ListState.SkillRecord was) {
    String href = Urls.relative(SiteLayout.TRIGGERS, SiteLayout.skill(now.id()));
    Set<TriggerEntry> before =
        sorted(ListPages.triggerRows(was.name(), href, was.phrases(), was.keywords()));
    Set<TriggerEntry> after =
        sorted(
            ListPages.triggerRows(
                was.name(), href, now.triggers().phrases(), now.triggers().keywords()));
    Set<TriggerEntry> removed = sorted(before);
    removed.removeAll(after);
    Set<TriggerEntry> added = sorted(after);
    added.removeAll(before);
    int count = state.triggerPages();
    if (removed.isEmpty() && added.isEmpty()) {
      return new Result(Map.of(), Map.of(), Optional.empty(), count);
    }
    if (count == 0) {
      return Result.refuse("the last build recorded no trigger index pages");
    }
    Index index = new Index(state, loaded, count);
    for (TriggerEntry e : removed) {
      index.removed.computeIfAbsent(index.pageOf(e), k -> new ArrayList<>()).add(e);
    }
    for (TriggerEntry e : added) {
      index.added.computeIfAbsent(index.pageOf(e), k -> new ArrayList<>()).add(e);
    }
    if (repageAlways()) {
      return whole(index, "always (-Dskillsite.triggerRepage=always)");
    }
    TreeSet<Integer> dirty = new TreeSet<>(index.removed.keySet());
    dirty.addAll(index.added.keySet());
    // each run of changed pages split again, from its first until a page ends where one did
    List<Window> windows = new ArrayList<>();
    int done = 0; // the last old page of the windows so far
    for (Integer d = dirty.first(); d != null; d = dirty.higher(done)) {
      int a = d;
      Window w;
      while (true) {
        Object made = window(index, a);
        if (made instanceof Result no) {
          return no;
        }
        if (made instanceof String why) {
          return whole(index, why);
        }
        w = (Window) made;
        List<TriggerEntry> first = w.pages().get(0);
        // the page before must still end before the window's (new) first row, else it joins
        if (a == 1 || first.isEmpty() || index.ends(a - 1, ListPages.triggerWeight(first.get(0)))) {
          break;
        }
        if (a - 1 <= done) {
          return whole(index, "two changed runs of the trigger index's pages meet");
        }
        a--;
      }
      if (w.pages().size() != w.c() - w.a() + 1) {
        return whole(
            index,
            "the trigger index now has "
                + (w.pages().size() > w.c() - w.a() + 1 ? "more" : "fewer")
                + " pages (each page shows their count)");
      }
      windows.add(w);
      done = w.c();
    }
    // the letters' links: the same on every page; a letter's first page must not move (but on
    // an index of one page, made again whole)
    List<LetterLink> letters = index.view(windows.get(0).a()).letters();
    if (count == 1) {
      letters = ListPages.letters(SiteLayout.TRIGGERS, windows.get(0).pages(), TriggerEntry::text);
    } else {
      Map<String, Integer> firstBefore = new HashMap<>();
      for (LetterLink l : letters) {
        firstBefore.put(l.letter(), pageOfLink(l.href()));
      }
      for (Window w : windows) {
        Optional<String> moved = lettersStay(index, w, firstBefore);
        if (moved.isPresent()) {
          return whole(index, moved.get());
        }
      }
    }
    // the new pages' facts, and which pages' ranges (pager titles) changed
    Map<Integer, List<TriggerEntry>> made = new TreeMap<>();
    Map<Integer, String> titles = new HashMap<>();
    Set<Integer> moved = new TreeSet<>();
    for (Window w : windows) {
      for (int i = 0; i < w.pages().size(); i++) {
        int n = w.a() + i;
        List<TriggerEntry> p = w.pages().get(i);
        String title = ListPages.triggerRange(p);
        if (!title.equals(range(index.facts(n)))) {
          moved.add(n);
        }
        made.put(n, p);
        titles.put(n, title);
      }
    }
    if (count > 1 && (moved.contains(1) || moved.contains(count))) {
      return whole(
          index,
          "the range of the trigger index's first or last page changes (every page's pager names"
              + " it)");
    }
    Set<Integer> render = new TreeSet<>(made.keySet());
    for (int n : moved) {
      for (int d = -2; d <= 2; d++) {
        if (n + d >= 1 && n + d <= count) {
          render.add(n + d);
        }
      }
    }
    int delta = after.size() - before.size();
    if (delta != 0) {
      render.add(1); // the count of rows, on page 1 only
    }
    Map<String, ListState.PageRecord> out = new TreeMap<>();
    Map<Integer, ListState.TriggerFacts> changedFacts = new TreeMap<>();
    for (int n : render) {
      String path = Paging.path(SiteLayout.TRIGGERS, n);
      ListState.PageRecord r = ListPatch.load(state, loaded, path);
      TriggersPage old = (TriggersPage) r.typed();
      TriggersPage v =
          new TriggersPage(
              made.containsKey(n)
                  ? ListPages.groups(made.get(n), TriggerEntry::text)
                  : old.groups(),
              n == 1 ? old.count() + delta : old.count(),
              letters);
      Pager pager =
          Paging.pager(
              SiteLayout.TRIGGERS,
              n,
              count,
              i -> titles.containsKey(i) ? titles.get(i) : range(index.facts(i)));
      out.put(
          path, new ListState.PageRecord(r.kind(), r.page().withPager(pager), null, -1).with(v));
      if (made.containsKey(n)) {
        changedFacts.put(n, facts(made.get(n)));
      }
    }
    return new Result(out, changedFacts, Optional.empty(), count);
  }

  /**
   * The whole index split again ({@code why} the windows could not take the patch), as a whole
   * build splits it ({@link ListPages#triggerPages}): every page's rows read (the changed rows
   * removed and added), split, and each page whose record changes (rows, count, letters, title,
   * pager) made again with its facts; the pages past the old count added, past the new one deleted.
   * Refused (the site built whole) with {@code -Dskillsite.triggerRepage=false}, or when a page
   * does not hold the rows the state says or page 1's view is not as this build makes it.
   */
  private static Result whole(Index index, String why) {
    if (!repage()) {
      return Result.refuse(why);
    }
    int count = index.count;
    List<TriggerEntry> rows = new ArrayList<>();
    for (int n = 1; n <= count; n++) {
      List<TriggerEntry> now = index.rowsNow(n);
      if (now == null) {
        return Result.refuse(
            "the trigger index has no row of the skill on page " + n + " as the state says");
      }
      rows.addAll(now);
    }
    rows.sort(ListPages.TRIGGER_ORDER);
    List<ListPages.Paged<TriggersPage>> pages = ListPages.triggerPages(rows);
    // page 1's view as published, made again: the title and canonical URL are this build's
    String home = SiteLayout.TRIGGERS;
    ListState.PageRecord one = ListPatch.load(index.state, index.loaded, home);
    PageView p1 = one.page();
    String tail = Urls.absolute("", home).substring(1); // "triggers/"
    if (!p1.canonical().isEmpty() && !p1.canonical().endsWith(tail)) {
      return Result.refuse(
          why + "; the trigger index's canonical URL is not as this build makes it");
    }
    String base =
        p1.canonical().isEmpty()
            ? ""
            : p1.canonical().substring(0, p1.canonical().length() - tail.length());
    String site = index.state.site().title();
    java.util.function.BiFunction<ListPages.Paged<TriggersPage>, String, PageView> pageView =
        (paged, suffix) -> {
          String title = ListPages.TRIGGERS_TITLE + suffix;
          return new PageView(
              title.equals(site) ? title : title + " · " + site,
              p1.description(),
              Urls.root(paged.path()),
              base.isEmpty() ? "" : Urls.absolute(base, paged.path()),
              p1.kind(),
              p1.code(),
              paged.pager());
        };
    ListPages.Paged<TriggersPage> wasFirst =
        new ListPages.Paged<>(home, "", p1.pager(), (TriggersPage) one.typed());
    if (!pageView.apply(wasFirst, count > 1 ? " (page 1 of " + count + ")" : "").equals(p1)) {
      return Result.refuse(
          why + "; the trigger index's page titles are not as this build makes them");
    }
    Map<String, ListState.PageRecord> out = new TreeMap<>();
    Map<Integer, ListState.TriggerFacts> facts = new TreeMap<>();
    List<String> added = new ArrayList<>();
    for (int n = 1; n <= pages.size(); n++) {
      ListPages.Paged<TriggersPage> paged = pages.get(n - 1);
      ListState.PageRecord now =
          new ListState.PageRecord(
                  PageKind.TRIGGERS.name(), pageView.apply(paged, paged.titleSuffix()), null, -1)
              .with(paged.view());
      ListState.TriggerFacts f = facts(rows(paged.view()));
      if (n > count) {
        added.add(paged.path());
      } else if (ListPatch.load(index.state, index.loaded, paged.path()).equals(now)) {
        continue; // as published (its rows too): neither rendered nor recorded again
      }
      if (n > count || !f.equals(index.facts(n))) {
        facts.put(n, f);
      }
      out.put(paged.path(), now);
    }
    List<String> deleted = new ArrayList<>();
    for (int n = pages.size() + 1; n <= count; n++) {
      deleted.add(Paging.path(home, n));
    }
    return new Result(out, facts, Optional.empty(), pages.size(), added, deleted);
  }

  /**
   * Old pages from {@code a} with their changed rows, split again by the full build's rule until a
   * new page ends where an old one did, or the index ends: a {@link Window}; or why not, a {@link
   * Result} refused (the rows are not as the state says) or why the windows cannot take it (a
   * string: {@link #whole} may).
   */
  private static Object window(Index index, int a) {
    List<TriggerEntry> rows = new ArrayList<>();
    List<List<TriggerEntry>> split = new ArrayList<>();
    List<TriggerEntry> page = new ArrayList<>();
    long bytes = 0;
    int next = a;
    int at = 0;
    while (true) {
      if (at == rows.size()) {
        if (next > index.count) {
          split.add(page);
          break;
        }
        // past the changed pages, a new page that ends before an old page's first row resyncs
        if (next > a
            && !index.dirty(next)
            && !page.isEmpty()
            && PAGES.ends(
                page.size(),
                bytes,
                ListPages.triggerCut(page.get(page.size() - 1)),
                ListPages.triggerWeight(index.facts(next).first()))) {
          split.add(page);
          break;
        }
        if (index.oldViews.size() >= MAX_PAGES && !index.oldViews.containsKey(next)) {
          return "more than " + MAX_PAGES + " pages of the trigger index would be split again";
        }
        List<TriggerEntry> more = index.rowsNow(next);
        if (more == null) {
          return Result.refuse(
              "the trigger index has no row of the skill on page " + next + " as the state says");
        }
        rows.addAll(more);
        next++;
        continue;
      }
      TriggerEntry e = rows.get(at++);
      int w = ListPages.triggerWeight(e);
      if (!page.isEmpty()
          && PAGES.ends(page.size(), bytes, ListPages.triggerCut(page.get(page.size() - 1)), w)) {
        split.add(page);
        page = new ArrayList<>();
        bytes = 0;
      }
      page.add(e);
      bytes += w;
    }
    return new Window(a, next - 1, split);
  }

  /**
   * Why a letter's first page changes in window {@code w} (a letter link of every page), if it
   * does; {@code firstBefore} is each letter's first page before.
   */
  private static Optional<String> lettersStay(
      Index index, Window w, Map<String, Integer> firstBefore) {
    Map<String, Integer> newIn = new HashMap<>();
    for (int i = 0; i < w.pages().size(); i++) {
      for (LetterGroup<TriggerEntry> g : ListPages.groups(w.pages().get(i), TriggerEntry::text)) {
        newIn.putIfAbsent(g.letter(), w.a() + i);
      }
    }
    Set<String> letters = new TreeSet<>(newIn.keySet());
    for (int n = w.a(); n <= w.c(); n++) {
      index.view(n).groups().forEach(g -> letters.add(g.letter()));
    }
    for (String l : letters) {
      Integer first = firstBefore.get(l);
      if (first != null && first < w.a()) {
        continue; // it starts on a page before the window, which did not change
      }
      if (first == null || !first.equals(newIn.get(l))) {
        return Optional.of(
            "the letter "
                + l
                + " of the trigger index starts on another page (every page links it)");
      }
    }
    return Optional.empty();
  }

  private static Set<TriggerEntry> sorted(java.util.Collection<TriggerEntry> rows) {
    Set<TriggerEntry> s = new TreeSet<>(ListPages.TRIGGER_ORDER);
    s.addAll(rows);
    return s;
  }

  private static String range(ListState.TriggerFacts f) {
    return f.first() == null ? "" : ListPages.triggerRange(List.of(f.first(), f.last()));
  }

  /** The page a letter link points to: {@code #a} and {@code index.html#a} are page 1. */
  private static int pageOfLink(String href) {
    if (href.startsWith("page_")) {
      return Integer.parseInt(href.substring("page_".length(), href.indexOf('.')));
    }
    return 1;
  }
}
