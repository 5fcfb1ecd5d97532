package dev.skillsite.check;

/**
 * How to check a collection.
 *
 * @param target the product whose rules apply
 * @param listingBudget characters the agent's skill listing may take
 */
public record CheckOptions(Target target, int listingBudget) {
  /** 1% of a 200,000-token context at 4 characters a token. */
  public static final int DEFAULT_LISTING_BUDGET = 200_000 / 100 * 4;

  public static final CheckOptions DEFAULTS =
      new CheckOptions(Target.AGENTSKILLS, DEFAULT_LISTING_BUDGET);

  public CheckOptions {
    if (listingBudget < 0) {
      throw new IllegalArgumentException("listing budget must not be negative: " + listingBudget);
    }
  }
}
