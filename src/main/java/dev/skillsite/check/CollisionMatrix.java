package dev.skillsite.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trigger collisions of a routing health report as a matrix: the skills of the pairs that share
 * most triggers (at most {@link #MAX}) as rows and columns, each cell the number of triggers the
 * two share or lose to each other, with a heat level 1-4 (relative to the largest cell) for the
 * page to shade. A table is its own text equivalent.
 *
 * @param skills the rows' (and columns') skills, most collisions first
 * @param rows per skill, one cell per column
 * @param more how many colliding skills were left out
 */
public record CollisionMatrix(List<Head> skills, List<List<Cell>> rows, int more) {
  /**
   * Rows and columns shown at most; the rest of the pairs are listed below the matrix as before.
   */
  public static final int MAX = 12;

  public CollisionMatrix {
    skills = List.copyOf(skills);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** A row's (or column's) skill. */
  public record Head(String name, String href) {}

  /**
   * One cell: {@code count} shared or lost triggers ({@code 0}: none), {@code heat} 0-4, {@code
   * self} on the diagonal.
   */
  public record Cell(int count, int heat, boolean self) {}

  public static CollisionMatrix of(List<RoutingHealthView.Pair> pairs) {
    // skills by page (two skills may share a name), shown by name
    Map<String, String> name = new LinkedHashMap<>();
    Map<String, Integer> total = new TreeMap<>();
    Map<String, Integer> count = new TreeMap<>();
    for (RoutingHealthView.Pair p : pairs) {
      int n = p.triggers().size();
      name.putIfAbsent(p.firstHref(), p.first());
      name.putIfAbsent(p.secondHref(), p.second());
      total.merge(p.firstHref(), n, Integer::sum);
      total.merge(p.secondHref(), n, Integer::sum);
      count.merge(key(p.firstHref(), p.secondHref()), n, Integer::sum);
    }
    List<String> names =
        total.keySet().stream()
            .sorted(
                Comparator.comparing((String s) -> -total.get(s))
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    // the pairs with most triggers first, both skills of each while there is room: a dense matrix,
    // whose every
    // row has a cell, rather than the busiest skills whose rivals fall outside it
    List<String> shown = new ArrayList<>();
    count.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(
            e -> {
              List<String> ends = List.of(e.getKey().split("\n"));
              long missing = ends.stream().filter(x -> !shown.contains(x)).count();
              if (shown.size() + missing <= MAX) {
                ends.stream().filter(x -> !shown.contains(x)).forEach(shown::add);
              }
            });
    shown.sort(Comparator.comparing((String x) -> names.indexOf(x)));
    int max =
        shown.stream()
            .flatMap(a -> shown.stream().map(b -> count.getOrDefault(key(a, b), 0)))
            .max(Integer::compare)
            .orElse(0);
    List<List<Cell>> rows = new ArrayList<>();
    for (String a : shown) {
      List<Cell> row = new ArrayList<>();
      for (String b : shown) {
        int c = a.equals(b) ? 0 : count.getOrDefault(key(a, b), 0);
        row.add(new Cell(c, c == 0 ? 0 : Math.max(1, (int) Math.ceil(4.0 * c / max)), a.equals(b)));
      }
      rows.add(row);
    }
    return new CollisionMatrix(
        shown.stream().map(s -> new Head(name.get(s), s)).toList(),
        rows,
        names.size() - shown.size());
  }

  /**
   * What a patch needs to move the matrix when one pair's row count moves, without every pair: the
   * pair whose ends filled the matrix ({@link #MAX} skills; its count and key, the greedy's order
   * is count descending, then key), how many skills collide in all, and each shown skill's total
   * (the triggers it shares or loses, the order of rows). A pair that orders after the filling pair
   * both before and after its move changes no shown skill (every pair after it finds the matrix
   * full).
   *
   * @param count the filling pair's row count
   * @param key the filling pair's key (its two hrefs, sorted, joined by a newline)
   * @param skills the skills of every pair (rows and columns shown, and {@link #more})
   * @param totals each shown skill's total, by href
   */
  public record Fill(int count, String key, int skills, Map<String, Integer> totals) {
    public Fill {
      totals = Map.copyOf(totals);
    }
  }

  /** The filling pair of {@link #of}'s matrix of {@code pairs}; empty when it never fills. */
  public static java.util.Optional<Fill> fill(List<RoutingHealthView.Pair> pairs) {
    Map<String, Integer> total = new TreeMap<>();
    Map<String, Integer> count = new TreeMap<>();
    for (RoutingHealthView.Pair p : pairs) {
      int n = p.triggers().size();
      total.merge(p.firstHref(), n, Integer::sum);
      total.merge(p.secondHref(), n, Integer::sum);
      count.merge(key(p.firstHref(), p.secondHref()), n, Integer::sum);
    }
    List<String> shown = new ArrayList<>();
    for (Map.Entry<String, Integer> e :
        count.entrySet().stream()
            .sorted(
                Map.Entry.<String, Integer>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList()) {
      List<String> ends = List.of(e.getKey().split("\n"));
      long missing = ends.stream().filter(x -> !shown.contains(x)).count();
      if (shown.size() + missing <= MAX) {
        ends.stream().filter(x -> !shown.contains(x)).forEach(shown::add);
      }
      if (shown.size() == MAX) {
        Map<String, Integer> totals = new TreeMap<>();
        shown.forEach(x -> totals.put(x, total.get(x)));
        return java.util.Optional.of(new Fill(e.getValue(), e.getKey(), total.size(), totals));
      }
    }
    return java.util.Optional.empty();
  }

  /** A matrix moved by one pair, and the fill it leaves. */
  public record Moved(CollisionMatrix matrix, Fill fill) {}

  /**
   * This matrix (made with {@code fill}) after the pair of {@code aHref} and {@code bHref} moves
   * from {@code before} rows to {@code after} (0: no pair), {@code ta} and {@code tb} the two
   * skills' totals before it: the same skills shown, re-ordered by their totals, the pair's cell
   * and the heat made again, {@link #more} by the skills that gain their first pair or lose their
   * last. Empty when the shown skills may move: either count orders the pair before the filling
   * pair, or the pair is the filling pair.
   */
  public java.util.Optional<Moved> move(
      Fill fill, String aHref, String bHref, int before, int after, int ta, int tb) {
    String k = key(aHref, bHref);
    for (int c : new int[] {before, after}) {
      if (c > fill.count() || (c == fill.count() && k.compareTo(fill.key()) <= 0)) {
        return java.util.Optional.empty();
      }
    }
    int d = after - before;
    Map<String, Integer> totals = new TreeMap<>(fill.totals());
    if (totals.containsKey(aHref)) {
      totals.put(aHref, totals.get(aHref) + d);
    }
    if (totals.containsKey(bHref)) {
      totals.put(bHref, totals.get(bHref) + d);
    }
    int skills = fill.skills() + entered(ta, ta + d) + entered(tb, tb + d);
    Map<String, Integer> cells = new TreeMap<>();
    Map<String, String> names = new TreeMap<>();
    for (int i = 0; i < this.skills.size(); i++) {
      names.put(this.skills.get(i).href(), this.skills.get(i).name());
      for (int j = 0; j < this.skills.size(); j++) {
        if (i != j) {
          cells.put(
              key(this.skills.get(i).href(), this.skills.get(j).href()),
              rows.get(i).get(j).count());
        }
      }
    }
    if (names.containsKey(aHref) && names.containsKey(bHref) && !aHref.equals(bHref)) {
      cells.put(k, after);
    }
    List<String> shown =
        names.keySet().stream()
            .sorted(
                Comparator.comparing((String x) -> -totals.get(x))
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    int max = cells.values().stream().max(Integer::compare).orElse(0);
    List<List<Cell>> out = new ArrayList<>();
    for (String a : shown) {
      List<Cell> row = new ArrayList<>();
      for (String b : shown) {
        int c = a.equals(b) ? 0 : cells.getOrDefault(key(a, b), 0);
        row.add(new Cell(c, c == 0 ? 0 : Math.max(1, (int) Math.ceil(4.0 * c / max)), a.equals(b)));
      }
      out.add(row);
    }
    return java.util.Optional.of(
        new Moved(
            new CollisionMatrix(
                shown.stream().map(x -> new Head(names.get(x), x)).toList(),
                out,
                skills - shown.size()),
            new Fill(fill.count(), fill.key(), skills, totals)));
  }

  private static int entered(int was, int is) {
    return was == 0 && is > 0 ? 1 : was > 0 && is == 0 ? -1 : 0;
  }

  private static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
  }
}
