package dev.skillsite.check;

import dev.skillsite.model.SkillId;
import java.util.List;
import java.util.Optional;

/**
 * A skill its own triggers do not route to.
 *
 * @param triggers the phrases (or keywords, when it has no phrases) that were tried; empty when the
 *     description has none at all
 * @param takenBy for each trigger tried, the skill it routed to instead, when any
 */
public record Unreachable(SkillId id, List<String> triggers, List<Optional<SkillId>> takenBy) {
  public Unreachable {
    triggers = List.copyOf(triggers);
    takenBy = List.copyOf(takenBy);
  }

  public boolean hasNoTriggers() {
    return triggers.isEmpty();
  }

  /** Whether none of the triggers tried fires any skill on its own (too few specific words). */
  public boolean noneFires() {
    return !triggers.isEmpty() && takenBy.stream().allMatch(Optional::isEmpty);
  }
}
