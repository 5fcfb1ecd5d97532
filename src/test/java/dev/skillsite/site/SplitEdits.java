package dev.skillsite.site;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;

/**
 * Edits applied one at a time to a list split into pages, each to the list as it was: how many
 * pages each edit changes when cut where entries say, beside a greedy split of the same lists.
 * PaginationTest and SplitByFillTest share it.
 */
final class SplitEdits {
  private SplitEdits() {}

  /**
   * What the edits did. {@code changed[e]} is how many pages edit {@code e} changed, or -1 when it
   * moved the number of pages (those are counted apart, not in the mean).
   */
  record Result(int pages, int greedyPages, int[] changed, int greedyMoved, long greedyChanged) {
    int edits() {
      return changed.length;
    }

    /** Edits that moved the number of pages. */
    int countMoved() {
      return (int) java.util.Arrays.stream(changed).filter(c -> c < 0).count();
    }

    /** Pages changed per edit that kept the number of pages. */
    double mean() {
      return java.util.Arrays.stream(changed).filter(c -> c >= 0).average().orElse(0);
    }

    int most() {
      return java.util.Arrays.stream(changed).max().orElse(0);
    }

    /** Edits that kept the number of pages and changed at most {@code pages} of them. */
    int atMost(int pages) {
      return (int) java.util.Arrays.stream(changed).filter(c -> c >= 0 && c <= pages).count();
    }

    /** Pages the greedy split changed per edit. */
    double greedyMean() {
      return (double) greedyChanged / edits();
    }
  }

  /**
   * Applies {@code edits} edits to {@code items}, each by {@code edit} (given a copy and the edit's
   * number) and compares both splits of the list before and after. A page holds what the list's
   * entries show ({@code P}: the entries themselves, or the rows made of them).
   */
  static <T, P> Result run(
      List<T> items,
      int edits,
      ObjIntConsumer<List<T>> edit,
      Function<List<T>, List<List<P>>> cuts,
      Function<List<T>, List<List<P>>> greedy) {
    List<List<P>> pages = cuts.apply(items);
    List<List<P>> g0 = greedy.apply(items);
    int[] changed = new int[edits];
    int greedyMoved = 0;
    long greedyChanged = 0;
    for (int e = 0; e < edits; e++) {
      List<T> now = new ArrayList<>(items);
      edit.accept(now, e);
      List<List<P>> g1 = greedy.apply(now);
      greedyMoved += g0.size() == g1.size() ? 0 : 1;
      greedyChanged += pagesChanged(g0, g1);
      List<List<P>> after = cuts.apply(now);
      changed[e] = after.size() == pages.size() ? pagesChanged(pages, after) : -1;
    }
    return new Result(pages.size(), g0.size(), changed, greedyMoved, greedyChanged);
  }

  /** How many of the pages both splits have differ (the same count: every page). */
  static <T> int pagesChanged(List<List<T>> before, List<List<T>> after) {
    int changed = 0;
    for (int n = 0; n < Math.min(before.size(), after.size()); n++) {
      if (!before.get(n).equals(after.get(n))) {
        changed++;
      }
    }
    return changed;
  }
}
