package dev.skillsite.site;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The related-skills graph of a small collection, drawn at build time as SVG (no script): each
 * skill with a relation is a node that links to its page, a declared relation a solid line, a
 * computed ("Similar") one a dashed line. A hub (a skill related to at least half the others) sits
 * in the middle, the rest on a circle, by name. Colours come from the stylesheet's classes, so both
 * themes apply. {@link #rows} is the same as text.
 */
public final class RelationGraph {
  /** Above this many skills with relations a graph is a hairball: the page shows none. */
  static final int MAX_NODES = 24;

  /**
   * Above this many skills with relations the text list is no summary either (a registry's would be
   * megabytes on its home page): the page shows neither; each skill's page lists its related
   * skills.
   */
  static final int MAX_ROWS = 250;

  private static final int W = 720;
  private static final int H = 400;
  private static final int R = 150;

  /**
   * One skill of the graph as text: its page and the skills it is related to, declared and similar.
   */
  public record Row(String name, String href, List<String> declared, List<String> similar) {
    public Row {
      declared = List.copyOf(declared);
      similar = List.copyOf(similar);
    }
  }

  /** The drawing ({@code svg}, empty when there is none) and its text equivalent. */
  public record Graph(String svg, List<Row> rows) {
    public Graph {
      rows = List.copyOf(rows);
    }

    public static Graph none() {
      return new Graph("", List.of());
    }
  }

  private RelationGraph() {}

  /** The graph of {@code skills} as seen from the page at {@code page}. */
  public static Graph of(
      List<Skill> skills, Function<SkillId, List<RelatedSkill>> related, String page) {
    Map<SkillId, Skill> byId = new LinkedHashMap<>();
    skills.forEach(s -> byId.putIfAbsent(s.id(), s));
    // undirected edges, declared when either side declares it
    Map<String, Boolean> edges = new TreeMap<>();
    Map<SkillId, List<SkillId>> declared = new TreeMap<>(Comparator.comparing(SkillId::value));
    Map<SkillId, List<SkillId>> similar = new TreeMap<>(Comparator.comparing(SkillId::value));
    for (Skill s : byId.values()) {
      for (RelatedSkill r : related.apply(s.id())) {
        if (!byId.containsKey(r.id()) || r.id().equals(s.id())) {
          continue;
        }
        (r.declared() ? declared : similar)
            .computeIfAbsent(s.id(), k -> new ArrayList<>())
            .add(r.id());
        String a = s.id().value();
        String b = r.id().value();
        edges.merge(
            a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a, r.declared(), Boolean::logicalOr);
      }
    }
    // the skills on an edge (one pass over the edges, not one per skill)
    java.util.Set<String> linked = new java.util.HashSet<>();
    edges.keySet().forEach(e -> linked.addAll(List.of(e.split("\n"))));
    List<SkillId> nodes =
        byId.keySet().stream()
            .filter(id -> linked.contains(id.value()))
            .sorted(
                Comparator.comparing(
                        (SkillId id) -> byId.get(id).name(), String.CASE_INSENSITIVE_ORDER)
                    .thenComparing(SkillId::value))
            .toList();
    if (nodes.size() < 2 || nodes.size() > MAX_ROWS) {
      return Graph.none();
    }
    List<Row> rows =
        nodes.stream()
            .map(
                id ->
                    new Row(
                        byId.get(id).name(),
                        Urls.relative(page, SiteLayout.skill(id)),
                        names(declared.getOrDefault(id, List.of()), byId),
                        names(similar.getOrDefault(id, List.of()), byId)))
            .toList();
    if (nodes.size() > MAX_NODES) {
      return new Graph("", rows);
    }
    Map<String, Integer> degree = new TreeMap<>();
    edges
        .keySet()
        .forEach(
            e -> {
              for (String v : e.split("\n")) {
                degree.merge(v, 1, Integer::sum);
              }
            });
    SkillId hub =
        nodes.stream()
            .max(
                Comparator.comparing((SkillId id) -> degree.getOrDefault(id.value(), 0))
                    .thenComparing(SkillId::value, Comparator.reverseOrder()))
            .orElseThrow();
    boolean hasHub = nodes.size() >= 4 && degree.get(hub.value()) * 2 >= nodes.size();
    Map<String, double[]> at = new LinkedHashMap<>();
    List<SkillId> ring = nodes.stream().filter(id -> !hasHub || !id.equals(hub)).toList();
    for (int i = 0; i < ring.size(); i++) {
      double angle = -Math.PI / 2 + 2 * Math.PI * i / ring.size();
      at.put(
          ring.get(i).value(),
          new double[] {W / 2.0 + R * 1.25 * Math.cos(angle), H / 2.0 + R * Math.sin(angle)});
    }
    if (hasHub) {
      at.put(hub.value(), new double[] {W / 2.0, H / 2.0});
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"graph\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append(
            "\" role=\"group\" aria-label=\"Related skills graph: each skill links to its page\">");
    svg.append("<g class=\"graph-edges\" aria-hidden=\"true\">");
    edges.forEach(
        (e, isDeclared) -> {
          String[] ends = e.split("\n");
          double[] p = at.get(ends[0]);
          double[] q = at.get(ends[1]);
          svg.append("<line class=\"edge ")
              .append(isDeclared ? "edge-declared" : "edge-similar")
              .append('"')
              .append(isDeclared ? "" : " stroke-dasharray=\"6 5\"")
              .append(" x1=\"")
              .append(fmt(p[0]))
              .append("\" y1=\"")
              .append(fmt(p[1]))
              .append("\" x2=\"")
              .append(fmt(q[0]))
              .append("\" y2=\"")
              .append(fmt(q[1]))
              .append("\"/>");
        });
    svg.append("</g>");
    for (SkillId id : nodes) {
      double[] p = at.get(id.value());
      boolean center = hasHub && id.equals(hub);
      double dx = p[0] - W / 2.0;
      String anchor = center || Math.abs(dx) < 20 ? "middle" : dx > 0 ? "start" : "end";
      double lx = center || Math.abs(dx) < 20 ? p[0] : p[0] + (dx > 0 ? 12 : -12);
      double ly =
          center ? p[1] + 28 : Math.abs(dx) < 20 ? p[1] + (p[1] < H / 2.0 ? -14 : 26) : p[1] + 5;
      svg.append("<a class=\"node\" href=\"")
          .append(xml(Urls.relative(page, SiteLayout.skill(id))))
          .append("\">")
          .append("<circle r=\"")
          .append(center ? 11 : 8)
          .append("\" cx=\"")
          .append(fmt(p[0]))
          .append("\" cy=\"")
          .append(fmt(p[1]))
          .append("\"/>")
          .append("<text x=\"")
          .append(fmt(lx))
          .append("\" y=\"")
          .append(fmt(ly))
          .append("\" text-anchor=\"")
          .append(anchor)
          .append("\">")
          .append(xml(byId.get(id).name()))
          .append("</text></a>");
    }
    svg.append("</svg>");
    return new Graph(svg.toString(), rows);
  }

  private static List<String> names(List<SkillId> ids, Map<SkillId, Skill> byId) {
    return ids.stream().map(id -> byId.get(id).name()).toList();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Text for SVG markup: the five XML specials escaped. */
  static String xml(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
