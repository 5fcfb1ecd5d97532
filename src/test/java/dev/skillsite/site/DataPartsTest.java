package dev.skillsite.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The paged data files' split ({@link DataParts}): parts within their bounds, every entry once, and
 * one entry inserted or removed changing its own part (rarely the next), not every part after it.
 */
class DataPartsTest {
  /** The parts of {@code ids} as the files would hold them: part number → its ids. */
  private static Map<Integer, List<String>> files(List<String> ids, int max, long[] weights) {
    DataParts p =
        weights == null
            ? DataParts.split(ids.size(), max, i -> DataParts.cut(ids.get(i)))
            : DataParts.split(
                ids.size(), max, 10_000, i -> weights[i], i -> DataParts.cut(ids.get(i)));
    Map<Integer, List<String>> out = new HashMap<>();
    for (int k = 0; k < p.count(); k++) {
      out.put(k, ids.subList(p.starts().get(k), p.end(k, ids.size())));
    }
    return out;
  }

  private static int differing(Map<Integer, List<String>> a, Map<Integer, List<String>> b) {
    int n = 0;
    for (int k = 0; k < Math.max(a.size(), b.size()); k++) {
      if (!a.getOrDefault(k, List.of()).equals(b.getOrDefault(k, List.of()))) {
        n++;
      }
    }
    return n;
  }

  @Test
  void partsHoldTheirBoundsAndEveryEntryOnce() {
    Random r = new Random(27);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add("skill-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));
    }
    long[] weights = new long[ids.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = 20 + r.nextInt(r.nextInt(50) == 0 ? 2_000 : 100);
    }
    DataParts p =
        DataParts.split(ids.size(), 200, 10_000, i -> weights[i], i -> DataParts.cut(ids.get(i)));
    assertEquals(0, p.starts().get(0));
    int cuts = 0;
    int fulls = 0;
    for (int k = 0; k < p.count(); k++) {
      int from = p.starts().get(k);
      int to = p.end(k, ids.size());
      assertTrue(to > from, "part " + k + " is empty");
      assertTrue(to - from <= 200, "part " + k + " holds " + (to - from));
      long bytes = 0;
      for (int i = from; i < to; i++) {
        bytes += weights[i];
        assertEquals(k, p.part(i));
      }
      assertTrue(bytes <= 10_000, "part " + k + " weighs " + bytes);
      if (k + 1 < p.count()) {
        boolean atCut = to - from >= 100 && DataParts.cut(ids.get(to - 1));
        boolean atMax = to - from == 200;
        boolean atBudget = bytes + weights[to] > 10_000;
        // a part ends at its first cut past half, else full by count or bytes; never before
        assertTrue(atCut || atMax || atBudget, "part " + k + " ends for no reason");
        for (int i = from + 99; i < to - 1; i++) {
          assertTrue(!DataParts.cut(ids.get(i)), "part " + k + " runs past the cut at " + i);
        }
        assertEquals(!atCut && !atMax, p.full().contains(k), "part " + k + "'s budget flag");
        cuts += atCut ? 1 : 0;
        fulls += atBudget && !atCut && !atMax ? 1 : 0;
      }
    }
    assertTrue(cuts > 0 && fulls > 0, "cuts " + cuts + ", budget ends " + fulls);
    assertEquals(p.count() - 1, p.part(ids.size() - 1));
  }

  @Test
  void oneEntryAddedOrRemovedChangesItsOwnPart() {
    // as 100,000 skills at the real bounds (5,000 a part) and as llms.txt's parts (1,000)
    for (int max : new int[] {CatalogJsonWriter.PAGE, ListState.Totals.LLMS_PART}) {
      Random r = new Random(max);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 100_000; i++) {
        ids.add("s-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));
      }
      Map<Integer, List<String>> before = files(ids, max, null);
      int edits = 200;
      int atMostTwo = 0;
      int countMoved = 0;
      int total = 0;
      int worst = 0;
      for (int e = 0; e < edits; e++) {
        List<String> after = new ArrayList<>(ids);
        int at = r.nextInt(ids.size());
        if (e % 2 == 0) {
          after.add(at, "new-" + e);
        } else {
          after.remove(at);
        }
        Map<Integer, List<String>> now = files(after, max, null);
        int d = differing(before, now);
        total += d;
        worst = Math.max(worst, d);
        atMostTwo += d <= 2 ? 1 : 0;
        countMoved += now.size() != before.size() ? 1 : 0;
        assertTrue(d >= 1, "an edit changes its part");
      }
      // a count split (5,000 a part) changes every part from the edit on: ~10 of 20 on average
      System.out.printf(
          "data parts of %d: %d parts, mean %.2f changed, <= 2 in %d of %d, worst %d, count moved"
              + " %d%n",
          max, before.size(), total / (double) edits, atMostTwo, edits, worst, countMoved);
      assertTrue(atMostTwo >= edits * 95 / 100, atMostTwo + " of " + edits + " within two parts");
      assertTrue(total <= edits * 3 / 2, "mean " + total / (double) edits);
      assertTrue(countMoved <= edits / 20, "part count moved " + countMoved + " times");
    }
  }

  @Test
  void aPartRecordedAtTheBudgetRefusesABytesChangeBesideIt() {
    List<String> ids = List.of("a", "b", "c", "d");
    long[] w = {6, 6, 6, 1};
    // never a cut at max 4: "a","b" fill 12 of 13 bytes; "c" would pass it
    DataParts p = DataParts.split(4, 4, 13, i -> w[i], i -> false);
    assertEquals(List.of(0, 2), p.starts());
    assertEquals(List.of(0), p.full());
    assertTrue(!p.bytesMayChange(0) && !p.bytesMayChange(1));
    DataParts byCount = DataParts.split(4, 2, i -> ids.get(i).equals("x"));
    assertEquals(List.of(0, 2), byCount.starts());
    assertEquals(List.of(), byCount.full());
    assertTrue(byCount.bytesMayChange(0) && byCount.bytesMayChange(1));
    assertEquals(List.of(0), DataParts.split(0, 4, i -> true).starts());
    // what fits one part is one part (a small site's one file), cuts or not; past it, cut
    assertEquals(List.of(0), DataParts.split(4, 4, i -> true).starts());
    assertEquals(List.of(0, 2, 4), DataParts.split(5, 4, i -> i % 2 == 1).starts());
    assertEquals(List.of(0), DataParts.split(4, 4, 24, i -> w[i], i -> false).starts());
    assertThrows(IllegalArgumentException.class, () -> DataParts.split(3, 0, i -> true));
  }
}
