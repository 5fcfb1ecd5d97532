package dev.skillsite.testing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Per kind of edit ({@link PatchEdits.Kind}): how many patched, how many were refused and why (the
 * reason normalised: skill names, paths and numbers taken out), how many found no skill to edit;
 * with optional figures per kind (wall seconds, a step's CPU ms) whose medians the table shows.
 */
public final class PatchTally {
  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*");
  private static final Pattern PATH = Pattern.compile("\\S*/\\S*");

  private final Map<PatchEdits.Kind, Row> rows = new EnumMap<>(PatchEdits.Kind.class);

  private static final class Row {
    int patched;
    int none;
    final Map<String, Integer> refused = new TreeMap<>();
    final Map<String, List<Double>> figures = new java.util.LinkedHashMap<>();
  }

  private Row row(PatchEdits.Kind k) {
    return rows.computeIfAbsent(k, x -> new Row());
  }

  public void patched(PatchEdits.Kind k) {
    row(k).patched++;
  }

  /** No skill of the content had what the kind needs. */
  public void none(PatchEdits.Kind k) {
    row(k).none++;
  }

  /** Refused with {@code reason}; {@code names} (the skills' names) are taken out of it. */
  public void refused(PatchEdits.Kind k, String reason, List<String> names) {
    row(k).refused.merge(normalise(reason, names), 1, Integer::sum);
  }

  /** A figure (e.g. "wall s", "route cpu ms") of one edit of kind {@code k}. */
  public void figure(PatchEdits.Kind k, String name, double value) {
    row(k).figures.computeIfAbsent(name, x -> new ArrayList<>()).add(value);
  }

  /** The reason with paths as P, numbers as N and the skills' names as S. */
  public static String normalise(String reason, List<String> names) {
    String r = reason;
    for (String n : names) {
      if (!n.isEmpty()) {
        r = r.replace(n, "S");
      }
    }
    r = PATH.matcher(r).replaceAll("P");
    r = NUMBER.matcher(r).replaceAll("N");
    return r.length() > 110 ? r.substring(0, 110) + "…" : r;
  }

  /** A Markdown table: kind, patched, refused (reason × count), none; figures' medians. */
  public String table() {
    List<String> figureNames = new ArrayList<>();
    rows.values()
        .forEach(
            r ->
                r.figures.keySet().stream()
                    .filter(n -> !figureNames.contains(n))
                    .forEach(figureNames::add));
    StringBuilder t = new StringBuilder("| kind | patched | refused: reason × count | no skill |");
    for (String f : figureNames) {
      t.append(" median ").append(f).append(" |");
    }
    t.append("\n|---|---|---|---|");
    t.append("---|".repeat(figureNames.size())).append('\n');
    for (Map.Entry<PatchEdits.Kind, Row> e : rows.entrySet()) {
      Row r = e.getValue();
      List<String> refused = new ArrayList<>();
      r.refused.forEach((why, n) -> refused.add(why + " × " + n));
      t.append("| ")
          .append(e.getKey().label())
          .append(" | ")
          .append(r.patched)
          .append(" | ")
          .append(refused.isEmpty() ? "" : String.join("; ", refused))
          .append(" | ")
          .append(r.none == 0 ? "" : r.none)
          .append(" |");
      for (String f : figureNames) {
        List<Double> v = r.figures.getOrDefault(f, List.of());
        t.append(' ').append(v.isEmpty() ? "" : String.format("%.2f", median(v))).append(" |");
      }
      t.append('\n');
    }
    return t.toString();
  }

  public int patchedTotal() {
    return rows.values().stream().mapToInt(r -> r.patched).sum();
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
