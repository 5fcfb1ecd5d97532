package dev.skillsite.check;

import dev.skillsite.model.Diagnostic;
import dev.skillsite.model.Skill;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog's listing against the budget ({@code --listing-budget}): one finding on the catalog
 * when it is over, and one on each skill that would be cut to its bare name.
 */
final class ListingBudgetRule implements Rule {
  @Override
  public List<Diagnostic> check(CheckContext context) {
    List<Skill> skills = context.catalog().skills();
    ListingBudget listing = ListingBudget.of(skills, context.options().listingBudget());
    if (!listing.overBudget()) {
      return List.of();
    }
    List<Diagnostic> out = new ArrayList<>();
    out.add(
        Diagnostic.warning(
            context.catalogPos(),
            "listing-over-budget",
            "the skill listing takes "
                + listing.size()
                + " characters, over the budget of "
                + listing.budget()
                + "; "
                + listing.cut().size()
                + " of "
                + skills.size()
                + " skills would be listed by name only"
                + (listing.cut().isEmpty() ? "" : ", from '" + listing.cut().get(0) + "' on")));
    Set<String> cut = new HashSet<>(listing.cut());
    for (Skill s : skills) {
      if (cut.contains(s.name())) {
        out.add(
            Diagnostic.warning(
                context.locator().key(s, "description"),
                "listing-cut",
                "description left out of the agent's listing: the catalog is over its budget of "
                    + listing.budget()
                    + " characters and this skill comes after the cut in alphabetical order"));
      }
    }
    return out;
  }
}
