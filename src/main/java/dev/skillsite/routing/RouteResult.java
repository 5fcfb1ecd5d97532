package dev.skillsite.routing;

import java.util.List;

/**
 * What {@link Router#route} found. {@code hits} is the ranking even when {@code abstained}: the top
 * hit did not reach the confidence threshold, so no skill should trigger.
 */
public record RouteResult(String query, boolean abstained, boolean ambiguous, List<RouteHit> hits) {
  public RouteResult {
    hits = List.copyOf(hits);
  }

  /** Whether a skill should fire: there is a top hit and it passed the threshold. */
  public boolean triggered() {
    return !abstained && !hits.isEmpty();
  }
}
