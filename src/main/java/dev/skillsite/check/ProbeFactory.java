package dev.skillsite.check;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.Confidence;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link RouteProbe} over a collection's skills; empty when routing is not to be checked.
 */
@FunctionalInterface
public interface ProbeFactory {
  /**
   * A probe over {@code skills} that fires at {@code confidence}'s threshold. The probe may also be
   * {@link AutoCloseable}: the caller closes it when done.
   */
  Optional<RouteProbe> open(List<Skill> skills, Confidence confidence) throws IOException;

  /** Routing is not checked: no collisions, no unreachable skills. */
  static ProbeFactory none() {
    return (skills, confidence) -> Optional.empty();
  }
}
