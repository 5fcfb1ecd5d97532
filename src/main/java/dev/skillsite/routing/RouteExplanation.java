package dev.skillsite.routing;

import java.util.List;
import java.util.Map;

/**
 * Why {@link Router} answered as it did.
 *
 * @param contributions per returned hit, the score contributed by each field
 * @param features what the confidence of the top hit was computed from
 */
public record RouteExplanation(
    RouteResult result, List<Map<String, Double>> contributions, Confidence.Features features, double threshold) {
  public RouteExplanation {
    contributions = List.copyOf(contributions);
  }
}
