package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import dev.skillsite.model.SourcePos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    List<Diagnostic> lint, SourcePos key, List<SourcePos> triggers, int entrySize) {
  public DescriptionFacts {
    lint = List.copyOf(lint);
    triggers = List.copyOf(triggers);
  }

  public static DescriptionFacts of(Path root, Skill skill) {
    SourceLocator at = new SourceLocator(root);
    List<Diagnostic> lint = new ArrayList<>();
    DescriptionLintRule.lint(at, skill, Set.of(), lint);
    List<SourcePos> triggers = new ArrayList<>();
    for (String t : skill.triggers().all()) {
      triggers.add(at.text(skill, t));
    }
    return new DescriptionFacts(
        lint, at.key(skill, "description"), triggers, ListingBudget.entrySize(skill));
  }

  /** Whether the findings this skill's health section and the report show from it are the same. */
  public boolean sameFindings(DescriptionFacts other) {
    return lint.equals(other.lint) && key.equals(other.key) && triggers.equals(other.triggers);
  }
}
