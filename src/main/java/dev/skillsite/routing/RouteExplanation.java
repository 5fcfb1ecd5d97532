package dev.skillsite.routing;

import java.util.List;
import java.util.Map;

/**
 * Why {@link Router} answered as it did.
 *
 * @param contributions per returned hit, the score contributed by each field
 * @param features what the confidence of the top hit was computed from
 * @param queryWords the query's analyzed words (stop words dropped, stemmed)
 * @param invoked whether the query called the top skill by name ({@link Invocation}): it fires
 *     whatever its {@code features} say
 * @param wordConfidence the top hit's confidence from the query's words alone ({@link
 *     Confidence#score}); the hit's own confidence unless {@code invoked}
 * @param notFor the top hit's "Not for …" clauses that name a word of the query its other text does
 *     not use: what counted against it ({@link Confidence.Features#excluded})
 */
public record RouteExplanation(
    RouteResult result,
    List<Map<String, Double>> contributions,
    Confidence.Features features,
    double threshold,
    List<String> queryWords,
    boolean invoked,
    double wordConfidence,
    List<String> notFor) {
  public RouteExplanation {
    contributions = List.copyOf(contributions);
    queryWords = List.copyOf(queryWords);
    notFor = List.copyOf(notFor);
  }
}
