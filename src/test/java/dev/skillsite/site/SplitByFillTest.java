package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A list split by fill ({@link Paging#splitByFill}, the routing health report's pages) ends each
 * page at a natural cut once it is half full, by count or by bytes: on 20,000 entries of mixed
 * weight (seeded; most small, one in eight a heavy table of up to 20 KB, as the report's pairs
 * are), every page stays within its count and budget, and one entry added, removed, grown or
 * shrunk, 400 times at random, changes its own page and seldom the next (at most 3 pages in 19
 * edits of 20: a page that ends at another cut moves the next page's start, which ends where it did
 * unless its slack past half full is less than that move), and the number of pages seldom; split
 * greedily by count and bytes, every page after the edit changes.
 */
class SplitByFillTest {
  private static final Paging PAGES = new Paging(500);

  record Item(String key, int weight) {}

  @Test
  void pagesEndWhereTheirEntriesSay() {
    Random random = new Random(27);
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      items.add(item(random, "entry-" + i));
    }
    List<List<Item>> pages = split(items);
    for (int n = 0; n < pages.size(); n++) {
      List<Item> page = pages.get(n);
      int bytes = page.stream().mapToInt(Item::weight).sum();
      assertTrue(page.size() <= 500, "page " + (n + 1) + ": " + page.size() + " entries");
      assertTrue(bytes <= Paging.BUDGET, "page " + (n + 1) + ": " + bytes + " bytes");
      if (n < pages.size() - 1) {
        long fill = page.stream().mapToLong(i -> PAGES.fill(i.weight())).sum();
        assertTrue(2 * fill >= Paging.FULL, "page " + (n + 1) + " ends before it is half full");
      }
    }
    assertEquals(
        items, pages.stream().flatMap(List::stream).toList(), "every entry once, in order");
    int edits = 400;
    SplitEdits.Result r =
        SplitEdits.run(
            items,
            edits,
            (now, e) -> {
              int at = random.nextInt(now.size());
              switch (e % 4) {
                case 0 -> now.add(at, item(random, "added-" + e));
                case 1 -> now.remove(at);
                case 2 -> now.set(at, new Item(now.get(at).key(), now.get(at).weight() * 3));
                default -> now.set(at, new Item(now.get(at).key(), 1 + now.get(at).weight() / 3));
              }
            },
            SplitByFillTest::split,
            i -> PAGES.split(i, Item::weight));
    System.out.printf(
        "split by fill: %d pages of 20,000 entries; %d edits: page count moved %d times, pages"
            + " changed mean %.2f, at most 3 in %d, most %d; greedy: %d pages, page count moved"
            + " %d times, pages changed mean %.1f%n",
        r.pages(),
        edits,
        r.countMoved(),
        r.mean(),
        r.atMost(3),
        r.most(),
        r.greedyPages(),
        r.greedyMoved(),
        r.greedyMean());
    assertTrue(r.countMoved() <= edits / 20, "the page count moved " + r.countMoved() + " times");
    assertTrue(r.mean() <= 1.5, "pages changed, mean " + r.mean());
    assertTrue(
        r.atMost(3) >= (edits - r.countMoved()) * 19 / 20,
        "pages changed, at most 3 in " + r.atMost(3));
  }

  @Test
  void cutsComeAsOftenPerByteAsPerEntry() {
    // one entry in 8 of a 500-entry page's share is a cut (16 a page); a 16 KB entry, 1 in 1
    Random random = new Random(5);
    int small = 0;
    int heavy = 0;
    for (int i = 0; i < 100_000; i++) {
      long h = Paging.hash("x" + random.nextLong());
      small += Paging.cut(h, PAGES.fill(100)) ? 1 : 0;
      heavy += Paging.cut(h, PAGES.fill(4 * 1024)) ? 1 : 0;
    }
    assertEquals(100_000 * 16 / 500.0, small, 400, "cuts among entries of a count's share");
    assertEquals(100_000 * 16 * 4096.0 / Paging.BUDGET, heavy, 1_500, "among 4 KB entries");
    assertTrue(Paging.cut(0L, PAGES.fill(Paging.BUDGET)), "an entry of a whole page ends it");
  }

  private static List<List<Item>> split(List<Item> items) {
    return PAGES.splitByFill(items, Item::weight, i -> Paging.hash(i.key()));
  }

  private static Item item(Random random, String key) {
    int weight =
        random.nextInt(8) == 0 ? 1_000 + random.nextInt(19_000) : 150 + random.nextInt(450);
    return new Item(key, weight);
  }
}
