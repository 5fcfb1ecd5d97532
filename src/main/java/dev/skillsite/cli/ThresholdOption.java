package dev.skillsite.cli;

import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.SolrSource;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --threshold C} of {@code route} and {@code eval}: the confidence a skill needs to fire.
 */
final class ThresholdOption {
  @Option(
      names = "--threshold",
      paramLabel = "C",
      description =
          "Confidence a skill needs to fire, between 0 and 1 (default: the collection's"
              + " routing.threshold, else the calibrated one).")
  Optional<Double> threshold = Optional.empty();

  /**
   * The threshold given, else the index's own.
   *
   * @throws IllegalArgumentException when the given one is not strictly between 0 and 1
   */
  Confidence of(RoutingIndex index) {
    return given().orElse(index.confidence());
  }

  /** The threshold given, else the Solr collection's own (or the calibrated default). */
  Confidence of(SolrSource solr) {
    return given().orElse(solr.confidence());
  }

  private Optional<Confidence> given() {
    if (threshold.isPresent() && !(threshold.get() > 0 && threshold.get() < 1)) {
      throw new IllegalArgumentException("--threshold must be between 0 and 1");
    }
    return threshold.map(Confidence.DEFAULT::withThreshold);
  }
}
