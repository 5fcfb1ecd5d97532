package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingBudgetTest {
  private final Skill alpha = Skills.skill("alpha", "a".repeat(100), List.of(), List.of());
  private final Skill beta = Skills.skill("beta", "b".repeat(10), List.of(), List.of());
  private final Skill gamma = Skills.skill("gamma", "c".repeat(50), List.of(), List.of());

  @Test
  void entriesAreDashNameColonTextNewline() {
    assertEquals(2 + 5 + 2 + 100 + 1, ListingBudget.entrySize(alpha));
    assertEquals(2 + 5 + 1, ListingBudget.bareSize(alpha));
  }

  @Test
  void fitsWhenTheWholeListingIsWithinBudget() {
    ListingBudget listing = ListingBudget.of(List.of(gamma, alpha, beta), 10_000);
    assertFalse(listing.overBudget());
    assertEquals(List.of("alpha", "beta", "gamma"), listing.full());
    assertEquals(List.of(), listing.cut());
  }

  @Test
  void fillsInAlphabeticalOrderAndCutsFromTheFirstThatDoesNotFit() {
    // bare names: 8 + 7 + 8 = 23; alpha full adds 102, beta 12, gamma 52
    ListingBudget listing = ListingBudget.of(List.of(gamma, beta, alpha), 23 + 102 + 12 + 51);
    assertTrue(listing.overBudget());
    assertEquals(List.of("alpha", "beta"), listing.full());
    assertEquals(List.of("gamma"), listing.cut());
  }

  @Test
  void laterShortSkillsAreCutOnceOneDoesNotFit() {
    ListingBudget listing = ListingBudget.of(List.of(alpha, beta), 23 + 50);
    assertEquals(List.of(), listing.full());
    assertEquals(List.of("alpha", "beta"), listing.cut());
  }
}
