package dev.skillsite.routing;

import java.util.Comparator;
import java.util.List;

/**
 * What {@link Router#route} found. {@code hits} is the ranking even when {@code abstained}: the top
 * hit did not reach the confidence threshold, so no skill should trigger.
 */
public record RouteResult(String query, boolean abstained, boolean ambiguous, List<RouteHit> hits) {
  public RouteResult {
    hits = List.copyOf(hits);
  }

  /** Equal scores (duplicate skills) rank by id, so an order does not depend on the index's. */
  private static final Comparator<RouteHit> BY_SCORE_THEN_ID =
      Comparator.comparingDouble((RouteHit h) -> -h.score()).thenComparing(RouteHit::id);

  /**
   * The ranking the routing health reads (check.RouterProbe, and cache.RoutingPatcher for a patched
   * index): none when the router abstained, else the hits by score, equal scores by skill id.
   */
  public List<RouteHit> probed() {
    return abstained ? List.of() : hits.stream().sorted(BY_SCORE_THEN_ID).toList();
  }

  /** Whether a skill should fire: there is a top hit and it passed the threshold. */
  public boolean triggered() {
    return !abstained && !hits.isEmpty();
  }
}
