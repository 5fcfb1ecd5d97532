package dev.skillsite.routing;

/**
 * Tests of other packages: {@link PatchCaps}' bounds set on this thread until closed (a refusal of
 * a small collection's patch, as a 113× one refuses).
 */
public final class PatchCapsLimits {
  private PatchCapsLimits() {}

  /**
   * Related lists bounded by count alone, at most {@code maxSimilar} ({@code
   * -Dskillsite.pricedrelated=false}'s rule with another bound).
   */
  public static AutoCloseable counted(int maxSimilar) {
    return PatchCaps.limitedTo(new PatchCaps.Limits(PatchCaps.BUDGET_MS, maxSimilar, false));
  }

  /** Related lists priced into the route step's budget, at most {@code maxSimilar}. */
  public static AutoCloseable priced(int maxSimilar) {
    return PatchCaps.limitedTo(new PatchCaps.Limits(PatchCaps.BUDGET_MS, maxSimilar, true));
  }
}
