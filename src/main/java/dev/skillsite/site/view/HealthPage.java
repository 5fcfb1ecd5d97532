package dev.skillsite.site.view;

import dev.skillsite.check.CollisionMatrix;
import dev.skillsite.check.RoutingHealthView;
import java.util.List;

/**
 * One page of the routing health report ({@code health/index.html}, {@code health/page_2.html} …):
 * this page's share of each long list (collision pairs, unreachable skills, skills called by name
 * only, description lint) and, on page 1, the summary (the collision matrix, the listing budget).
 * The counts are of the whole report, so that a section shows "none" only when it is empty on every
 * page.
 *
 * @param first whether this is page 1, the one with the summary
 * @param sections where each section's entries are, for page 1's summary
 * @param continued per section (collisions, unreachable, by name only, lint): whether it began on
 *     an earlier page
 * @param matrix the collision matrix of every pair (shown on page 1)
 */
public record HealthPage(
    boolean first,
    int probes,
    CollisionMatrix matrix,
    RoutingHealthView.Listing listing,
    List<RoutingHealthView.Pair> pairs,
    List<RoutingHealthView.Lost> unreachable,
    List<RoutingHealthView.Lost> nameOnly,
    List<RoutingHealthView.Finding> lint,
    int pairCount,
    int unreachableCount,
    int nameOnlyCount,
    int lintCount,
    List<Section> sections,
    List<Boolean> continued) {
  /**
   * A section of the report in page 1's summary: its heading, how many entries it has, the pages
   * that hold them ("page 1", "pages 2–4") and a link to where it starts ({@code href} relative to
   * any page of the report, {@code ""} when it is empty).
   */
  public record Section(String label, int count, String pages, String href) {}

  public HealthPage {
    sections = List.copyOf(sections);
    continued = List.copyOf(continued);
    pairs = List.copyOf(pairs);
    unreachable = List.copyOf(unreachable);
    nameOnly = List.copyOf(nameOnly);
    lint = List.copyOf(lint);
  }

  /**
   * Whether the report shows who wins and a margin instead of scores ({@link
   * RoutingHealthView#SCORE_BUCKETS}).
   */
  public boolean buckets() {
    return RoutingHealthView.SCORE_BUCKETS;
  }

  /**
   * This page as a reader sees it with {@link RoutingHealthView#SCORE_BUCKETS} on: its pairs'
   * scores as margins ({@link RoutingHealthView.Pair#shown}); two pages whose shown forms are equal
   * render the same with the packaged templates.
   */
  public HealthPage shown() {
    return new HealthPage(
        first,
        probes,
        matrix,
        listing,
        pairs.stream().map(RoutingHealthView.Pair::shown).toList(),
        unreachable,
        nameOnly,
        lint.stream().map(RoutingHealthView.Finding::shown).toList(),
        pairCount,
        unreachableCount,
        nameOnlyCount,
        lintCount,
        sections,
        continued);
  }
}
