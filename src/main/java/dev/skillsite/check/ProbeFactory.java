package dev.skillsite.check;

import dev.skillsite.model.Skill;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Builds a {@link RouteProbe} over a collection's skills; empty when routing is not to be checked. */
@FunctionalInterface
public interface ProbeFactory {
  /** The probe may also be {@link AutoCloseable}: the caller closes it when done. */
  Optional<RouteProbe> open(List<Skill> skills) throws IOException;

  /** Routing is not checked: no collisions, no unreachable skills. */
  static ProbeFactory none() {
    return skills -> Optional.empty();
  }
}
