package dev.skillsite.site;

import dev.skillsite.model.Skill;
import dev.skillsite.site.view.LetterGroup;
import dev.skillsite.site.view.LetterLink;
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
 * phrases or keywords changed and their count did not (a phrase reworded, a keyword replaced). Its
 * old rows are found from its list record (phrases, keywords) and the pages' recorded first rows (a
 * binary search over {@link ListState.TriggerFacts}, O(log pages) lookups); the pages from the
 * first to the last holding a changed row are split again by {@link Paging}'s rule, continuing over
 * the next pages until a page starts where it started before (then every later page is as it was).
 * Refused, with the reason: the count of rows changes (every page shows it) or the home page's
 * trigger count does (every home page shows it), the number of pages changes, a letter's first page
 * moves (every page links to it), the first or last page's range changes (every page's pager names
 * it), or more than {@link #MAX_PAGES} pages would be split again.
 */
final class TriggerIndexPatch {
  /** Pages of the trigger index a patch splits again at most (each up to 1,000 rows). */
  static final int MAX_PAGES = 8;

  private static final Paging ROW_PAGES = new Paging(Paging.ROWS);

  private TriggerIndexPatch() {}

  /** What the index of a patched site holds: the pages made again and their facts, or why not. */
  record Result(
      Map<String, ListState.PageRecord> pages,
      Map<Integer, ListState.TriggerFacts> facts,
      Optional<String> refused) {
    static Result refuse(String why) {
      return new Result(Map.of(), Map.of(), Optional.of(why));
    }
  }

  /** The facts of a trigger page as {@link ListState} records them. */
  static ListState.TriggerFacts facts(TriggersPage view) {
    List<TriggerEntry> rows = rows(view);
    long bytes = rows.stream().mapToLong(ListPages::triggerWeight).sum();
    return rows.isEmpty()
        ? new ListState.TriggerFacts(null, null, 0, 0)
        : new ListState.TriggerFacts(rows.get(0), rows.get(rows.size() - 1), rows.size(), bytes);
  }

  private static List<TriggerEntry> rows(TriggersPage view) {
    return view.groups().stream().flatMap(g -> g.entries().stream()).toList();
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
    int oldCount = was.phrases().size() + was.keywords().size() + was.clauses();
    int newCount =
        now.triggers().phrases().size()
            + now.triggers().keywords().size()
            + now.triggers().clauses().size();
    if (oldCount != newCount) {
      return Result.refuse(
          now.id()
              + "'s count of phrases, keywords and clauses changed (the home page's trigger count,"
              + " shown on each of its pages)");
    }
    String href = Urls.relative(SiteLayout.TRIGGERS, SiteLayout.skill(now.id()));
    Set<TriggerEntry> before =
        sorted(ListPages.triggerRows(was.name(), href, was.phrases(), was.keywords()));
    Set<TriggerEntry> after =
        sorted(
            ListPages.triggerRows(
                was.name(), href, now.triggers().phrases(), now.triggers().keywords()));
    if (before.size() != after.size()) {
      return Result.refuse(
          now.id()
              + "'s trigger rows went from "
              + before.size()
              + " to "
              + after.size()
              + " (the trigger index's count, shown on each of its pages)");
    }
    Set<TriggerEntry> removed = sorted(before);
    removed.removeAll(after);
    Set<TriggerEntry> added = sorted(after);
    added.removeAll(before);
    if (removed.isEmpty()) {
      return new Result(Map.of(), Map.of(), Optional.empty());
    }
    int count = state.triggerPages();
    if (count == 0) {
      return Result.refuse("the last build recorded no trigger index pages");
    }
    Map<Integer, ListState.TriggerFacts> facts = new HashMap<>();
    int a = Integer.MAX_VALUE;
    int b = 0;
    for (TriggerEntry e : removed) {
      int p = pageOf(state, facts, count, e);
      a = Math.min(a, p);
      b = Math.max(b, p);
    }
    for (TriggerEntry e : added) {
      int p = pageOf(state, facts, count, e);
      a = Math.min(a, p);
      b = Math.max(b, p);
    }
    if (b - a + 1 > MAX_PAGES) {
      return Result.refuse(
          "a trigger row moves across " + (b - a + 1) + " pages of the trigger index");
    }
    // the rows of pages a..b, changed
    List<TriggerEntry> rows = new ArrayList<>();
    Map<Integer, TriggersPage> oldViews = new TreeMap<>();
    for (int n = a; n <= b; n++) {
      TriggersPage v = view(state, loaded, n);
      oldViews.put(n, v);
      rows.addAll(rows(v));
    }
    for (TriggerEntry e : removed) {
      if (!rows.remove(e)) {
        return Result.refuse("the trigger index has no row " + e.text() + " where the state says");
      }
    }
    rows.addAll(added);
    rows.sort(ListPages.TRIGGER_ORDER);
    // page a-1 must still end before page a's (new) first row
    if (a > 1 && !rows.isEmpty()) {
      ListState.TriggerFacts prev = facts(state, facts, a - 1);
      if (!ends(prev.rows(), prev.bytes(), ListPages.triggerWeight(rows.get(0)))) {
        return Result.refuse("trigger page " + (a - 1) + " now holds page " + a + "'s first row");
      }
    }
    // split again from page a until a page starts where an old one did
    List<List<TriggerEntry>> split = new ArrayList<>();
    List<TriggerEntry> page = new ArrayList<>();
    long bytes = 0;
    int next = b + 1;
    int at = 0;
    while (true) {
      if (at == rows.size()) {
        if (next > count) {
          split.add(page);
          break;
        }
        ListState.TriggerFacts f = facts(state, facts, next);
        if (!page.isEmpty() && ends(page.size(), bytes, ListPages.triggerWeight(f.first()))) {
          split.add(page);
          break;
        }
        if (next - a + 1 > MAX_PAGES) {
          return Result.refuse(
              "the trigger index's pages move past " + MAX_PAGES + " pages from page " + a);
        }
        TriggersPage v = view(state, loaded, next);
        oldViews.put(next, v);
        rows.addAll(rows(v));
        next++;
        continue;
      }
      TriggerEntry e = rows.get(at++);
      int w = ListPages.triggerWeight(e);
      if (!page.isEmpty() && (page.size() >= Paging.ROWS || bytes + w > Paging.BUDGET)) {
        split.add(page);
        page = new ArrayList<>();
        bytes = 0;
      }
      page.add(e);
      bytes += w;
    }
    int c = next - 1; // old pages a..c are new pages a..a+split.size()-1
    if (split.size() != c - a + 1) {
      return Result.refuse(
          "the trigger index now has "
              + (split.size() - (c - a + 1) > 0 ? "more" : "fewer")
              + " pages (each page shows their count)");
    }
    // the letters' links: the same on every page; a letter's first page must not move
    TriggersPage any = oldViews.get(a);
    Map<String, Integer> firstBefore = new HashMap<>();
    for (LetterLink l : any.letters()) {
      firstBefore.put(l.letter(), pageOfLink(l.href()));
    }
    Map<String, Integer> oldIn = letterPages(oldViews);
    Map<String, Integer> newIn = new HashMap<>();
    for (int i = 0; i < split.size(); i++) {
      for (LetterGroup<TriggerEntry> g : ListPages.groups(split.get(i), TriggerEntry::text)) {
        newIn.putIfAbsent(g.letter(), a + i);
      }
    }
    Set<String> letters = new TreeSet<>(oldIn.keySet());
    letters.addAll(newIn.keySet());
    for (String l : letters) {
      Integer first = firstBefore.get(l);
      if (first != null && first < a) {
        continue; // it starts on a page before the window, which did not change
      }
      if (first == null || !first.equals(newIn.get(l)) || !newIn.containsKey(l)) {
        return Result.refuse(
            "the letter "
                + l
                + " of the trigger index starts on another page (every page links it)");
      }
    }
    // the new pages' facts, and which pages' ranges (pager titles) changed
    Map<Integer, String> titles = new HashMap<>();
    Set<Integer> moved = new TreeSet<>();
    for (int i = 0; i < split.size(); i++) {
      int n = a + i;
      ListState.TriggerFacts old = facts(state, facts, n);
      List<TriggerEntry> p = split.get(i);
      ListState.TriggerFacts f =
          new ListState.TriggerFacts(
              p.get(0),
              p.get(p.size() - 1),
              p.size(),
              p.stream().mapToLong(ListPages::triggerWeight).sum());
      facts.put(n, f);
      String title = ListPages.triggerRange(p);
      titles.put(n, title);
      if (!title.equals(range(old))) {
        moved.add(n);
      }
    }
    if (count > 1 && (moved.contains(1) || moved.contains(count))) {
      return Result.refuse(
          "the range of the trigger index's first or last page changes (every page's pager names"
              + " it)");
    }
    Set<Integer> render = new TreeSet<>();
    for (int n = a; n <= c; n++) {
      render.add(n);
    }
    for (int n : moved) {
      for (int d = -2; d <= 2; d++) {
        if (n + d >= 1 && n + d <= count) {
          render.add(n + d);
        }
      }
    }
    Map<String, ListState.PageRecord> out = new TreeMap<>();
    Map<Integer, ListState.TriggerFacts> changedFacts = new TreeMap<>();
    for (int n : render) {
      String path = Paging.path(SiteLayout.TRIGGERS, n);
      ListState.PageRecord r = record(state, loaded, path);
      TriggersPage old = (TriggersPage) r.typed();
      TriggersPage v =
          n >= a && n <= c
              ? new TriggersPage(
                  ListPages.groups(split.get(n - a), TriggerEntry::text),
                  old.count(),
                  old.letters())
              : old;
      Pager pager =
          Paging.pager(
              SiteLayout.TRIGGERS,
              n,
              count,
              i -> titles.containsKey(i) ? titles.get(i) : range(facts(state, facts, i)));
      out.put(
          path, new ListState.PageRecord(r.kind(), r.page().withPager(pager), null, -1).with(v));
      if (n >= a && n <= c) {
        changedFacts.put(n, facts.get(n));
      }
    }
    return new Result(out, changedFacts, Optional.empty());
  }

  private static Set<TriggerEntry> sorted(java.util.Collection<TriggerEntry> rows) {
    Set<TriggerEntry> s = new TreeSet<>(ListPages.TRIGGER_ORDER);
    s.addAll(rows);
    return s;
  }

  /** Whether a page of {@code count} rows of {@code bytes} ends before a row of {@code next}. */
  private static boolean ends(int count, long bytes, int next) {
    return count >= Paging.ROWS || bytes + next > Paging.BUDGET;
  }

  /** The page whose rows {@code e} sorts among: the last whose first row is not after it. */
  private static int pageOf(
      ListState state, Map<Integer, ListState.TriggerFacts> facts, int count, TriggerEntry e) {
    int lo = 1;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      TriggerEntry first = facts(state, facts, mid).first();
      if (first != null && ListPages.TRIGGER_ORDER.compare(first, e) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static ListState.TriggerFacts facts(
      ListState state, Map<Integer, ListState.TriggerFacts> facts, int n) {
    return facts.computeIfAbsent(
        n,
        k ->
            state
                .triggerPage(k)
                .orElseThrow(() -> new IllegalStateException("no facts of trigger page " + k)));
  }

  private static String range(ListState.TriggerFacts f) {
    return f.first() == null ? "" : ListPages.triggerRange(List.of(f.first(), f.last()));
  }

  private static ListState.PageRecord record(
      ListState state, Map<String, ListState.PageRecord> loaded, String path) {
    return loaded.computeIfAbsent(
        path,
        k ->
            state
                .page(k)
                .orElseThrow(() -> new IllegalStateException("list state without page " + k)));
  }

  private static TriggersPage view(
      ListState state, Map<String, ListState.PageRecord> loaded, int n) {
    return (TriggersPage) record(state, loaded, Paging.path(SiteLayout.TRIGGERS, n)).typed();
  }

  /** Each letter's first page among {@code views} (page number → view). */
  private static Map<String, Integer> letterPages(Map<Integer, TriggersPage> views) {
    Map<String, Integer> first = new HashMap<>();
    views.forEach(
        (n, v) -> {
          for (LetterGroup<TriggerEntry> g : v.groups()) {
            first.merge(g.letter(), n, Math::min);
          }
        });
    return first;
  }

  /** The page a letter link points to: {@code #a} and {@code index.html#a} are page 1. */
  private static int pageOfLink(String href) {
    if (href.startsWith("page_")) {
      return Integer.parseInt(href.substring("page_".length(), href.indexOf('.')));
    }
    return 1;
  }
}
