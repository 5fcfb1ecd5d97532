package dev.skillsite.routing;

import java.util.Locale;
import java.util.Optional;

/**
 * The work a routing patch is about to do, priced before it starts: the trigger rankings it will
 * ask (each a search of the patched index, once as it is and once as it was) and the related lists
 * that may change (each a "more like this" query). When the price is over budget the patch refuses
 * at once, naming the counts, instead of running for tens of seconds and then maybe refusing
 * anyway; a refusal is always correct (the build runs whole).
 *
 * <p>The cost model: a ranking's CPU grows with the postings it scores, which grow with the
 * collection (a phrase's words are held by a fixed share of the skills); so one ranking costs
 * {@code max(FLOOR_MS, MS_AT_100K · skills / 100,000)}. {@code MS_AT_100K} comes from the route
 * step's CPU over its rankings at 113× (99,666 skills: 2.6–2.9 s for 270–342 rankings, session 8)
 * and is checked against 10× (docs/notes/issue-27.md, session 9, branch speed); it is an upper-side
 * figure, so a patch is refused only when it is surely over. The budget is the route step's share
 * of a patch that is still far cheaper than a whole build at any size the cap can bite: a patch
 * priced over {@code BUDGET_MS} (5× the 2 s bar of a whole patch) is refused.
 */
public final class PatchCaps {
  /** CPU the route step may be priced at (ms) before the patch refuses. */
  static final double BUDGET_MS = 10_000;

  /** CPU of one ranking at 100,000 skills (ms), the model's slope. */
  static final double MS_AT_100K = 10.0;

  /** CPU of one ranking at any size (ms), the model's floor (a small collection's fixed part). */
  static final double FLOOR_MS = 0.5;

  /**
   * More skills' related lists that may change than this: refused (the same bound as {@code
   * build.RelatedPatch.MAX_ASKED}, asked here before the rankings are made, not after).
   */
  public static final int MAX_SIMILAR = 512;

  private PatchCaps() {}

  /** The bounds in force: the constants, or a test's (on its thread only). */
  record Limits(double budgetMs, int maxSimilar) {}

  private static final Limits STANDARD = new Limits(BUDGET_MS, MAX_SIMILAR);

  private static final ThreadLocal<Limits> LIMITS = ThreadLocal.withInitial(() -> STANDARD);

  /** Other bounds on this thread until closed (tests: a refusal without a huge collection). */
  static AutoCloseable limitedTo(Limits limits) {
    LIMITS.set(limits);
    return LIMITS::remove;
  }

  /** What the route step of the last patch on this thread priced and did (for {@code --timings}). */
  public record Work(int rankings, int similar, int skills, double priceMs, long rankingCpuNs) {
    Work withCpu(long ns) {
      return new Work(rankings, similar, skills, priceMs, ns);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d rankings priced %.0f ms, made in CPU %.1f; %d related lists may change",
          rankings,
          priceMs,
          rankingCpuNs / 1e6,
          similar);
    }
  }

  private static final ThreadLocal<Work> LAST = new ThreadLocal<>();

  /** The last patch's counts on this thread, if it got as far as pricing them. */
  public static Optional<Work> last() {
    return Optional.ofNullable(LAST.get());
  }

  /** Forgets the last patch's counts (a patch that does not reach the rankings has none). */
  public static void forget() {
    LAST.remove();
  }

  static void made(Work w) {
    LAST.set(w);
  }

  static long threadCpu() {
    java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
    return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : 0;
  }

  /** The CPU one ranking is priced at in a collection of {@code skills} skills (ms). */
  static double rankingMs(int skills) {
    return Math.max(FLOOR_MS, MS_AT_100K * skills / 100_000.0);
  }

  /** The price of {@code rankings} rankings in a collection of {@code skills} (ms). */
  static double price(int rankings, int skills) {
    return rankings * rankingMs(skills);
  }

  /**
   * Why a patch about to make {@code rankings} rankings, with {@code similar} related lists that
   * may change, in a collection of {@code skills}, must not go on; empty when it may.
   */
  static Optional<String> refusal(int rankings, int similar, int skills) {
    Limits limits = LIMITS.get();
    if (similar > limits.maxSimilar()) {
      return Optional.of(
          similar + " skills' related lists may change, more than " + limits.maxSimilar());
    }
    double price = price(rankings, skills);
    if (price > limits.budgetMs()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%d trigger rankings to make, priced %.0f ms of CPU (%.2f ms each at %d skills),"
                  + " over the route step's budget of %.0f ms",
              rankings,
              price,
              rankingMs(skills),
              skills,
              limits.budgetMs()));
    }
    return Optional.empty();
  }
}
