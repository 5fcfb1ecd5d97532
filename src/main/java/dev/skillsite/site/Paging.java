package dev.skillsite.site;

import dev.skillsite.site.view.Pager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Splits a long list (the home page's skills, a collection's, the A–Z lists) into pages, so that no
 * page carries a registry's 100,000 cards. A page holds at most {@code maxItems} entries and at
 * most {@link #BUDGET} bytes of them as estimated by {@link #weight} (the HTML-escaped length of
 * their text plus their markup), so that pages stay under {@link #MAX_PAGE_BYTES} whatever the
 * entries hold. Page 1 keeps the list's own URL ({@code skills/index.html}); page n is {@code
 * skills/page_n.html} beside it (an underscore is never in a skill's id, so no skill's folder can
 * take that name), so every link on a page is the same relative path on each of them.
 */
final class Paging {
  /** Skill cards on a page of the home page or of a collection. */
  static final int CARDS = 100;

  /** Entries on a page of the A–Z lists of skills and of triggers. */
  static final int ROWS = 1000;

  /** Estimated bytes of entries on one page. */
  static final int BUDGET = 256 * 1024;

  /**
   * Rows a page of the trigger index holds before it may end at a natural cut ({@link #CUT_MASK}):
   * half of {@link #ROWS}, so its pages hold 500 to 1,000 rows.
   */
  static final int MIN_ROWS = ROWS / 2;

  /**
   * A row of the trigger index whose stable hash has these bits all zero is a natural cut: its page
   * ends after it once it holds {@link #MIN_ROWS}. One row in 64 is one, so a page holds about 500
   * + 64 rows, and runs to {@link #ROWS} without one with probability (63/64)^500 ≈ 0.04%. Pages
   * cut where their rows say, not where a count says, so one row added or removed changes its own
   * page and, rarely, the next (the pages after it start where they did): what lets a patch build
   * insert or delete a row.
   */
  static final long CUT_MASK = 63;

  /**
   * Skill cards a page of the home page or of a collection holds before it may end at a natural cut
   * ({@link #CARD_CUT_MASK}): half of {@link #CARDS}, so its pages hold 50 to 100 cards.
   */
  static final int MIN_CARDS = CARDS / 2;

  /**
   * A skill card whose id's stable hash ({@link #hash}) has these bits all zero is a natural cut:
   * its page ends after it once it holds {@link #MIN_CARDS}. One card in 16 is one, so a page holds
   * about 64 cards, and runs to {@link #CARDS} without one with probability (15/16)^50 ≈ 4%: a card
   * added or removed changes its own page and, rarely, the next, not every page after it. Denser
   * cuts (one in 8) make smaller pages and more edits whose page ends elsewhere, each moving the
   * pages after it until two cuts meet again (simulated: 4.6% of edits change more than two pages,
   * against 2.3%). The A–Z list of skills cuts its rows by {@link #CUT_MASK} past {@link
   * #MIN_ROWS}.
   */
  static final long CARD_CUT_MASK = 15;

  /**
   * A full page's fill, the unit of {@link #fill}: a page split by fill ({@link #splitByFill}) is
   * full when its entries' fills add up to this.
   */
  static final long FULL = 1L << 20;

  /**
   * Natural cuts a full page's fill holds on average when split by fill ({@link #cut(long, long)}):
   * a page ends at the first cut once it is half full, so it holds about half + 1/16 of a page, and
   * runs full without a cut with probability e^-8 ≈ 0.03% (as the trigger index's {@link
   * #CUT_MASK}: one row in 64 of 1,000).
   */
  static final int CUTS = 16;

  /**
   * The largest a list page (home, collection, skills or triggers A–Z) becomes: the entries'
   * budget, the layout, the collections and graph of the home page's first page, with room to spare
   * (the estimate counts every byte the templates add per entry).
   */
  static final int MAX_PAGE_BYTES = 512 * 1024;

  /**
   * The largest a machine-readable file of the site whose size grows with the collection becomes
   * ({@code skills.json} and its pages, {@code assets/catalog.js} and its pages, {@code audit.json}
   * and its pages, the sitemaps, {@code llms.txt} and its parts): one request a tool makes, far
   * under the sitemap protocol's 50 MB. Two files are not bounded: the discovery index, one file by
   * its schema ({@code docs/scale.md}), and the Lucene index in {@code search/lucene/}, which
   * {@code route} reads from disk. {@code bench/scale-build} checks both bounds on every file of a
   * site.
   */
  static final long MAX_DATA_BYTES = 10L * 1024 * 1024;

  /** Markup a skill card adds to its text (the list item, heading, link, chip list, badge). */
  static final int CARD_MARKUP = 600;

  /** Markup an A–Z row adds to its text. */
  static final int ROW_MARKUP = 160;

  private final int maxItems;
  private final int budget;
  private final int minItems;

  Paging(int maxItems) {
    this(maxItems, BUDGET);
  }

  Paging(int maxItems, int budget) {
    this(maxItems, budget, maxItems);
  }

  /**
   * Pages of at most {@code maxItems} entries and {@code budget} estimated bytes, which end early,
   * once they hold {@code minItems}, after an entry that is a natural cut ({@link #split(List,
   * ToIntFunction, Predicate)}).
   */
  Paging(int maxItems, int budget, int minItems) {
    if (maxItems < 1 || budget < 1 || minItems < 1 || minItems > maxItems) {
      throw new IllegalArgumentException("a page holds at least one entry");
    }
    this.maxItems = maxItems;
    this.budget = budget;
    this.minItems = minItems;
  }

  /**
   * The entries, in order, cut into pages; one page (perhaps empty) when they fit. An entry heavier
   * than the budget gets a page of its own.
   */
  <T> List<List<T>> split(List<T> items, ToIntFunction<T> weight) {
    return split(items, weight, t -> false);
  }

  /**
   * As {@link #split(List, ToIntFunction)}, and a page that holds its minimum ends after an entry
   * that is a natural {@code cut}.
   */
  <T> List<List<T>> split(List<T> items, ToIntFunction<T> weight, Predicate<T> cut) {
    List<List<T>> pages = new ArrayList<>();
    List<T> page = new ArrayList<>();
    long bytes = 0;
    for (T item : items) {
      int w = weight.applyAsInt(item);
      if (!page.isEmpty() && ends(page.size(), bytes, cut.test(page.get(page.size() - 1)), w)) {
        pages.add(List.copyOf(page));
        page = new ArrayList<>();
        bytes = 0;
      }
      page.add(item);
      bytes += w;
    }
    pages.add(List.copyOf(page));
    return pages;
  }

  /**
   * Whether a page of {@code count} entries (at least one) of {@code bytes}, whose last entry is a
   * natural cut or not ({@code cut}), ends before an entry of {@code next} bytes: the one rule of
   * {@link #split}, for a patch that splits a few pages again.
   */
  boolean ends(int count, long bytes, boolean cut, int next) {
    return count >= maxItems || bytes + next > budget || (cut && count >= minItems);
  }

  /**
   * An entry's share of a page of this paging, in {@link #FULL}s: of its entries' count or of its
   * bytes, whichever is more (so a page whose fills add up to {@link #FULL} is full by one or the
   * other, or both).
   */
  long fill(int weight) {
    return Math.max(FULL / maxItems, ((long) weight * FULL + budget - 1) / budget);
  }

  /**
   * Whether an entry whose stable hash is {@code hash} and whose share of a page is {@code fill} is
   * a natural cut: with probability {@link #CUTS} × fill / {@link #FULL}, so that cuts come as
   * often per byte as per entry whatever the entries weigh. A heavier entry is more often a cut,
   * the same one (its hash is of what it is, not of what it holds): an entry that grows can become
   * a cut, not stop being one.
   */
  static boolean cut(long hash, long fill) {
    return (hash >>> 32) < fill * CUTS * ((1L << 32) / FULL);
  }

  /**
   * The entries, in order, cut into pages of at most {@code maxItems} entries and the budget's
   * bytes, where each page ends at its first natural cut ({@link #cut(long, long)}) once it is half
   * full: one entry added, removed, grown or shrunk changes its own page's end only if it makes or
   * unmakes the cut that ends it (its share × {@link #CUTS}), and the pages after it start where
   * they did once a page ends where one did — what lets a patch split a few pages again instead of
   * every page after the change. One page (perhaps empty) when they fit.
   */
  <T> List<List<T>> splitByFill(
      List<T> items, ToIntFunction<T> weight, java.util.function.ToLongFunction<T> hash) {
    List<List<T>> pages = new ArrayList<>();
    List<T> page = new ArrayList<>();
    long bytes = 0;
    long fill = 0;
    boolean cut = false;
    for (T item : items) {
      int w = weight.applyAsInt(item);
      if (!page.isEmpty() && endsByFill(page.size(), bytes, fill, cut, w)) {
        pages.add(List.copyOf(page));
        page = new ArrayList<>();
        bytes = 0;
        fill = 0;
      }
      page.add(item);
      bytes += w;
      long f = fill(w);
      fill += f;
      cut = cut(hash.applyAsLong(item), f);
    }
    pages.add(List.copyOf(page));
    return pages;
  }

  /**
   * Whether a page split by fill of {@code count} entries (at least one) of {@code bytes} and
   * {@code fill}, whose last entry is a natural cut or not ({@code cut}), ends before an entry of
   * {@code next} bytes: the one rule of {@link #splitByFill}, for a patch that splits a few pages
   * again.
   */
  boolean endsByFill(int count, long bytes, long fill, boolean cut, int next) {
    return count >= maxItems || bytes + next > budget || (cut && 2 * fill >= FULL);
  }

  /**
   * A stable hash of {@code fields} (FNV-1a over their characters, U+FFFF between them, then
   * MurmurHash3's finalizer, so that texts alike in all but their last characters hash as apart as
   * any), the same in every build and on every machine.
   */
  static long hash(String... fields) {
    long h = 0xcbf29ce484222325L;
    for (String s : fields) {
      for (int i = 0; i < s.length(); i++) {
        h = (h ^ s.charAt(i)) * 0x100000001b3L;
      }
      h = (h ^ 0xffff) * 0x100000001b3L; // U+FFFF, a noncharacter, between the fields
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Page {@code n} (from 1) of the list whose first page is {@code first}. */
  static String path(String first, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("pages count from 1: " + n);
    }
    if (n == 1) {
      return first;
    }
    int slash = first.lastIndexOf('/');
    return first.substring(0, slash + 1) + "page_" + n + ".html";
  }

  /**
   * The pager of page {@code n} of {@code count}: previous, next, and links to the first and last
   * page and the two either side of this one.
   *
   * @param titles what page {@code i} holds, for its link's title ({@code ""} for none)
   */
  static Pager pager(String first, int n, int count, IntFunction<String> titles) {
    if (count <= 1) {
      return Pager.NONE;
    }
    String here = path(first, n);
    IntFunction<String> href = i -> Urls.relative(here, path(first, i));
    List<Pager.PageLink> links = new ArrayList<>();
    int last = 0;
    for (int i = 1; i <= count; i++) {
      if (i == 1 || i == count || Math.abs(i - n) <= 2) {
        if (i > last + 1) {
          links.add(new Pager.PageLink(0, "", "", false, true));
        }
        links.add(new Pager.PageLink(i, href.apply(i), titles.apply(i), i == n, false));
        last = i;
      }
    }
    return new Pager(
        n, count, n > 1 ? href.apply(n - 1) : "", n < count ? href.apply(n + 1) : "", links);
  }

  /**
   * The bytes {@code text} takes in a page once HTML-escaped (an upper bound: every character that
   * may be escaped counted as its longest entity).
   */
  static int weight(String text) {
    int w = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        w += c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' ? 6 : 1;
      } else {
        w += Character.isSurrogate(c) ? 2 : c < 0x800 ? 2 : 3;
      }
    }
    return w;
  }

  static int weight(List<String> texts) {
    int w = 0;
    for (String t : texts) {
      w += weight(t) + 40;
    }
    return w;
  }
}
