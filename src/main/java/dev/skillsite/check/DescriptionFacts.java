package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the routing health check reads from one skill's description besides its triggers, for a
 * patch that compares a skill before and after an edit on that skill alone: its description lint
 * ({@code DescriptionLintRule}, "Not for" clauses checked against no names, a superset of what a
 * collection gives: equal supersets before and after mean equal findings in any collection), where
 * its description key and each of its triggers sit (the positions of its listing-cut, unreachable
 * and collision findings) and its listing entry's size ({@link ListingBudget}).
 *
 * @param root the folder the skill's {@code source} is relative to
 */
public record DescriptionFacts(
    List<Diagnostic> lint, SourcePos key, Map<String, SourcePos> triggers, int entrySize) {
  public DescriptionFacts {
    lint = List.copyOf(lint);
    triggers = Map.copyOf(triggers);
  }

  public static DescriptionFacts of(Path root, Skill skill) {
    SourceLocator at = new SourceLocator(root);
    List<Diagnostic> lint = new ArrayList<>();
    DescriptionLintRule.lint(at, skill, Set.of(), lint);
    Map<String, SourcePos> triggers = new HashMap<>();
    for (String t : skill.triggers().all()) {
      triggers.put(t, at.text(skill, t));
    }
    return new DescriptionFacts(
        lint, at.key(skill, "description"), triggers, ListingBudget.entrySize(skill));
  }

  /**
   * Whether the findings the report and this skill's health section show from it are the same, but
   * for the places of its collision findings ({@link #triggers}): its lint (places included) and
   * the description key (listing-cut, unreachable and no-triggers findings point there).
   */
  public boolean sameFindings(DescriptionFacts other) {
    return lint.equals(other.lint) && key.equals(other.key);
  }
}
