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
   * render the same with the packaged templates. Only page 1 shows the summary (the probes, the
   * sections, the collision matrix, the listing budget) and the report's counts; a later page reads
   * a count only to say whether its section is empty everywhere, so there the summary is left out
   * and each count kept as empty or not (one skill more or less unreachable does not make every
   * later page again).
   */
  public HealthPage shown() {
    List<RoutingHealthView.Pair> shownPairs =
        pairs.stream().map(RoutingHealthView.Pair::shown).toList();
    List<RoutingHealthView.Finding> shownLint =
        lint.stream().map(RoutingHealthView.Finding::shown).toList();
    if (first) {
      return new HealthPage(
          first,
          probes,
          matrix,
          listing,
          shownPairs,
          unreachable,
          nameOnly,
          shownLint,
          pairCount,
          unreachableCount,
          nameOnlyCount,
          lintCount,
          sections,
          continued);
    }
    return new HealthPage(
        false,
        0,
        null,
        null,
        shownPairs,
        unreachable,
        nameOnly,
        shownLint,
        Integer.signum(pairCount),
        Integer.signum(unreachableCount),
        Integer.signum(nameOnlyCount),
        Integer.signum(lintCount),
        List.of(),
        continued);
  }
}
