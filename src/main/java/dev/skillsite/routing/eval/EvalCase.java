package dev.skillsite.routing.eval;

import java.util.List;
import java.util.Optional;

/**
 * One line of a routing query set.
 *
 * @param expected names of the skills that count as right; empty for a negative (nothing should
 *     trigger)
 * @param scope for a negative about one skill: only that skill must not trigger; empty: no skill
 *     may
 */
public record EvalCase(String query, List<String> expected, Optional<String> scope) {
  public EvalCase {
    expected = List.copyOf(expected);
  }

  public static EvalCase positive(String query, List<String> names) {
    return new EvalCase(query, names, Optional.empty());
  }

  public static EvalCase negative(String query) {
    return new EvalCase(query, List.of(), Optional.empty());
  }

  static EvalCase negativeFor(String query, String skill) {
    return new EvalCase(query, List.of(), Optional.of(skill));
  }

  public boolean isPositive() {
    return !expected.isEmpty();
  }
}
