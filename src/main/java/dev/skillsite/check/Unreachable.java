package dev.skillsite.check;

import dev.skillsite.model.SkillId;
import java.util.List;
import java.util.Optional;

/**
 * A skill none of its own triggers routes to first.
 *
 * @param triggers every trigger tried: phrases, keywords, clauses, or the fallback sentence; empty
 *     when the description gives none at all
 * @param takenBy for each trigger tried, the skill it routed to instead, when any
 * @param sharedWords words the trigger taken by {@link #rival()} shares with that rival's name or
 *     description
 */
public record Unreachable(
    SkillId id, List<String> triggers, List<Optional<SkillId>> takenBy, List<String> sharedWords) {
  public Unreachable {
    triggers = List.copyOf(triggers);
    takenBy = List.copyOf(takenBy);
    sharedWords = List.copyOf(sharedWords);
  }

  public Unreachable(SkillId id, List<String> triggers, List<Optional<SkillId>> takenBy) {
    this(id, triggers, takenBy, List.of());
  }

  public boolean hasNoTriggers() {
    return triggers.isEmpty();
  }

  /** Whether none of the triggers tried fires any skill on its own (too few specific words). */
  boolean noneFires() {
    return !triggers.isEmpty() && takenBy.stream().allMatch(Optional::isEmpty);
  }

  /** The skill that takes most of its triggers, when any fires. */
  public Optional<SkillId> rival() {
    java.util.Map<SkillId, Integer> counts = new java.util.LinkedHashMap<>();
    takenBy.forEach(t -> t.ifPresent(id -> counts.merge(id, 1, Integer::sum)));
    return counts.entrySet().stream()
        .max(java.util.Map.Entry.comparingByValue())
        .map(java.util.Map.Entry::getKey);
  }
}
