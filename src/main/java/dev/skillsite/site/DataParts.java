package dev.skillsite.site;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;

/**
 * Where the paged machine-readable files ({@code skills.json} and {@code assets/catalog.js}, the
 * parts of {@code llms.txt}) cut their entries: each part holds at most {@code max} entries and
 * {@code budget} bytes, and ends at its first natural cut once it holds half of {@code max} — an
 * entry whose skill id's stable hash ({@link Paging#hash}) has the bits of {@link #CUT_MASK} all
 * zero. An id never changes, so one skill inserted or removed changes its own part and, rarely, the
 * next; the parts after it start where they did (a count-based split shifts every later part). A
 * part past the first cut runs to {@code max} without one with probability (63/64)^(max/2).
 *
 * @param starts the index of each part's first entry (the first is 0; one part: {@code [0]})
 * @param full the parts (from 0) that ended because the next entry would pass the budget, not at a
 *     cut or at {@code max}: a patch that changes an entry's bytes in such a part, or in the first
 *     entry of the part after it, may move the split, so it refuses
 */
public record DataParts(List<Integer> starts, List<Integer> full) {
  /** One entry in 64 is a natural cut (as the trigger index's rows: {@link Paging#CUT_MASK}). */
  static final long CUT_MASK = Paging.CUT_MASK;

  public DataParts {
    starts = List.copyOf(starts);
    full = List.copyOf(full);
  }

  /** Whether the id's hash makes its entry a natural cut. */
  public static boolean cut(String id) {
    return (Paging.hash(id) & CUT_MASK) == 0;
  }

  /**
   * {@code count} entries, in order, cut into parts of at most {@code max} entries and {@code
   * budget} bytes ({@code weight}) ending at their first natural {@code cut} past {@code max / 2};
   * one part when they all fit one (a small site's one file: crossing that bound changes every part
   * once, as a count split did at every add).
   */
  public static DataParts split(
      int count, int max, long budget, IntToLongFunction weight, IntPredicate cut) {
    if (max < 1 || budget < 1) {
      throw new IllegalArgumentException("a part holds at least one entry");
    }
    if (count <= max) {
      long all = 0;
      for (int i = 0; i < count && all <= budget; i++) {
        all += weight.applyAsLong(i);
      }
      if (all <= budget) {
        return new DataParts(List.of(0), List.of()); // one file, as a small site's always was
      }
    }
    int min = Math.max(1, max / 2);
    List<Integer> starts = new ArrayList<>();
    List<Integer> full = new ArrayList<>();
    starts.add(0);
    int n = 0; // entries in the current part
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      long w = weight.applyAsLong(i);
      if (n > 0) {
        boolean byCount = n >= max || (n >= min && cut.test(i - 1));
        if (byCount || bytes + w > budget) {
          if (!byCount) {
            full.add(starts.size() - 1);
          }
          starts.add(i);
          n = 0;
          bytes = 0;
        }
      }
      n++;
      bytes += w;
    }
    return new DataParts(starts, full);
  }

  /**
   * Where the first part of {@code count} entries ends as {@link #split} cuts a part (not the whole
   * list: a list that fits one part is not kept whole here): the index of the next part's first
   * entry, or {@code count} when no cut falls inside. What a patch checks of the one part it
   * changes, given that part's entries and the next part's first one: the part still ends just
   * before that one.
   */
  public static int firstEnd(
      int count, int max, long budget, IntToLongFunction weight, IntPredicate cut) {
    int min = Math.max(1, max / 2);
    int n = 0;
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      long w = weight.applyAsLong(i);
      if (n > 0 && (n >= max || (n >= min && cut.test(i - 1)) || bytes + w > budget)) {
        return i;
      }
      n++;
      bytes += w;
    }
    return count;
  }

  /** As {@link #split(int, int, long, IntToLongFunction, IntPredicate)}, by count alone. */
  public static DataParts split(int count, int max, IntPredicate cut) {
    return split(count, max, Long.MAX_VALUE, i -> 0, cut);
  }

  /** How many parts. */
  public int count() {
    return starts.size();
  }

  /** The part (from 0) holding the entry at {@code index}. */
  public int part(int index) {
    int at = Collections.binarySearch(starts, index);
    return at >= 0 ? at : -at - 2;
  }

  /** The index past part {@code k}'s last entry, of {@code total} entries. */
  public int end(int k, int total) {
    return k + 1 < starts.size() ? starts.get(k + 1) : total;
  }

  /**
   * Whether an entry of part {@code k} may change its bytes in a patch (within the budget): the
   * part did not end at the budget, nor did the one before it (whose end weighed this part's first
   * entry).
   */
  boolean bytesMayChange(int k) {
    return !full.contains(k) && !full.contains(k - 1);
  }
}
