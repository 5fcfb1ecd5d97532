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

  private static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
  }
}
