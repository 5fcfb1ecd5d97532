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
 * <p>The cost model: one ranking (a router search, in the patch's fresh JVM with the quick JIT)
 * costs a fixed part and a part growing with the collection (the postings a phrase's words hold):
 * {@code BASE_MS + PER_100K_MS · skills / 100,000}. Both come from two sizes, not one corpus: at 1×
 * ({@code large}, 882 skills) an in-window body edit made 2,440 rankings in 6.1 s of CPU (2.5 ms
 * each; session 9, branch speed), at 113× (99,666 skills) the route step made 270–342 rankings in
 * 2.6–2.9 s (≈ 9.5 ms each; session 8). The budget: a route step priced over {@code BUDGET_MS} (5×
 * the 2 s bar of a whole patch) is refused, so a patch never runs for tens of seconds in its route
 * step (113×: a common-word sentence ran past 25 s) — at 113× the cap is ~1,000 rankings, at 1×
 * ~3,900.
 */
public final class PatchCaps {
  /** CPU the route step may be priced at (ms) before the patch refuses. */
  static final double BUDGET_MS = 10_000;

  /** CPU of one ranking, the part any collection costs (ms). */
  static final double BASE_MS = 2.5;

  /** CPU of one ranking, the part growing with the collection: at 100,000 skills (ms). */
  static final double PER_100K_MS = 7.5;

  /**
   * CPU of one decision that a phrase's ranking is unmoved ({@code RoutingPatch.Unmoved}: its
   * record read, its kept terms looked up, the changed documents' bound; rarely their exact
   * scores), the part any collection costs (ms). Priced before the decisions are made, with the
   * rankings.
   */
  static final double DECIDE_MS = 0.3;

  /** CPU of one such decision, the part growing with the collection: at 100,000 skills (ms). */
  static final double DECIDE_PER_100K_MS = 0.3;

  /**
   * More skills' related lists that may change than this: refused (the same bound as {@code
   * build.RelatedPatch.MAX_ASKED}, asked here before the rankings are made, not after).
   */
  public static final int MAX_SIMILAR = 512;

  /**
   * Related lists priced by their cost, as the rankings are, instead of refused past {@link
   * #MAX_SIMILAR} by count ({@code -Dskillsite.pricedrelated=false}: the count bound). A one-skill
   * trigger edit at 113× asks 150–561 lists (its words' walkers), each a few hundred postings.
   */
  public static final boolean PRICED_RELATED =
      !"false".equals(System.getProperty("skillsite.pricedrelated"));

  /**
   * CPU of one related list that may change (asked: its record checked, then, if not cleared, a
   * "more like this" query in {@code build.RelatedPatch}), the part any collection costs (ms). From
   * two sizes: at 1× ({@code large}) 2–4 ms each in a fresh JVM (RelatedPatch's note), at 113× a
   * cold {@code build --changed} asked 422 lists in 538 ms of the related step's CPU (1.3 ms each),
   * a warm resident 174–457 in 109–211 ms (0.46–0.63 ms each; session 28's logs).
   */
  static final double SIMILAR_MS = 1.0;

  /** CPU of one related list, the part growing with the collection: at 100,000 skills (ms). */
  static final double SIMILAR_PER_100K_MS = 0.5;

  /**
   * With {@link #PRICED_RELATED}, more lists that may change than this in one patch are refused
   * whatever their price: {@code build.RelatedPatch.MAX_PATCHED}, the most a state records between
   * builds.
   */
  public static final int MAX_SIMILAR_PRICED = 4096;

  /** The bound on lists that may change in one patch in force (the knob's). */
  public static int maxSimilar() {
    return PRICED_RELATED ? MAX_SIMILAR_PRICED : MAX_SIMILAR;
  }

  private PatchCaps() {}

  /**
   * The bounds in force: the constants, or a test's (on its thread only); {@code priced}: the
   * related lists priced into the budget ({@link #PRICED_RELATED}).
   */
  record Limits(double budgetMs, int maxSimilar, boolean priced) {
    Limits(double budgetMs, int maxSimilar) {
      this(budgetMs, maxSimilar, PRICED_RELATED);
    }
  }

  private static final Limits STANDARD = new Limits(BUDGET_MS, maxSimilar());

  private static final ThreadLocal<Limits> LIMITS = ThreadLocal.withInitial(() -> STANDARD);

  /** Other bounds on this thread until closed (tests: a refusal without a huge collection). */
  static AutoCloseable limitedTo(Limits limits) {
    LIMITS.set(limits);
    return LIMITS::remove;
  }

  /**
   * What the route step of the last patch on this thread priced and did (for {@code --timings}).
   */
  public record Work(
      int rankings, int similar, int skills, double priceMs, long rankingCpuNs, int decisions) {
    /** Rankings alone, no decision from records priced. */
    public Work(int rankings, int similar, int skills, double priceMs, long rankingCpuNs) {
      this(rankings, similar, skills, priceMs, rankingCpuNs, 0);
    }

    Work withCpu(long ns) {
      return new Work(rankings, similar, skills, priceMs, ns, decisions);
    }

    /** The counts as priced, before the work. */
    public String priced() {
      return String.format(
          Locale.ROOT,
          "route: %d trigger rankings to make, %d to decide from records (priced %.0f ms of CPU"
              + " at %d skills), %d related lists may change",
          rankings,
          decisions,
          priceMs,
          skills,
          similar);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d rankings and %d decisions priced %.0f ms, rankings made in CPU %.1f;"
              + " %d related lists may change",
          rankings,
          decisions,
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

  /** What the route step is about to do, told before it does it (once priced, refused or not). */
  static void priced(Work w) {
    LAST.set(w);
    TOLD.get().accept(w);
  }

  private static final ThreadLocal<java.util.function.Consumer<Work>> TOLD =
      ThreadLocal.withInitial(() -> w -> {});

  /** A listener of {@link #priced} on this thread, until closed. */
  public interface Telling extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Tells {@code told} the counts of each patch priced on this thread until closed ({@code build
   * --timings} prints them at once: a long route step says why while it runs).
   */
  public static Telling telling(java.util.function.Consumer<Work> told) {
    TOLD.set(told);
    return TOLD::remove;
  }

  static long threadCpu() {
    java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
    return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : 0;
  }

  /** The CPU one ranking is priced at in a collection of {@code skills} skills (ms). */
  static double rankingMs(int skills) {
    return BASE_MS + PER_100K_MS * skills / 100_000.0;
  }

  /** The price of {@code rankings} rankings in a collection of {@code skills} (ms). */
  static double price(int rankings, int skills) {
    return rankings * rankingMs(skills);
  }

  /** The CPU one decision from records is priced at in a collection of {@code skills} (ms). */
  static double decideMs(int skills) {
    return DECIDE_MS + DECIDE_PER_100K_MS * skills / 100_000.0;
  }

  /** The price of {@code decisions} decisions from records in a collection of {@code skills}. */
  static double decisionsPrice(int decisions, int skills) {
    return decisions * decideMs(skills);
  }

  /** The CPU one related list that may change is priced at in a collection of {@code skills}. */
  static double similarMs(int skills) {
    return SIMILAR_MS + SIMILAR_PER_100K_MS * skills / 100_000.0;
  }

  /**
   * The price of {@code similar} related lists that may change in a collection of {@code skills}
   * (ms), under the bounds in force (0 when they are bounded by count alone).
   */
  static double similarPrice(int similar, int skills) {
    return LIMITS.get().priced() ? similar * similarMs(skills) : 0;
  }

  /**
   * The work of a patch about to make {@code rankings} rankings after deciding {@code decisions}
   * phrases from their records, with {@code similar} related lists that may change, in a collection
   * of {@code skills}: priced in one sum (the lists only when priced, {@link #similarPrice}).
   */
  static Work work(int rankings, int decisions, int similar, int skills) {
    double price =
        price(rankings, skills) + decisionsPrice(decisions, skills) + similarPrice(similar, skills);
    return new Work(rankings, similar, skills, price, 0, decisions);
  }

  /**
   * Why a patch about to make {@code rankings} rankings, with {@code similar} related lists that
   * may change, in a collection of {@code skills}, must not go on; empty when it may.
   */
  static Optional<String> refusal(int rankings, int similar, int skills) {
    return refusal(work(rankings, 0, similar, skills));
  }

  /**
   * Why a patch about to decide {@code decisions} phrases from their records (before any ranking)
   * must not go on; empty when it may.
   */
  static Optional<String> decisionsRefusal(int decisions, int similar, int skills) {
    return refusal(work(0, decisions, similar, skills));
  }

  /**
   * Why the work {@code w} must not go on: the related lists' bound, then its price over the budget
   * (told as decisions from records when it makes no ranking); empty when it may.
   */
  static Optional<String> refusal(Work w) {
    Limits limits = LIMITS.get();
    if (w.similar() > limits.maxSimilar()) {
      return Optional.of(
          w.similar() + " skills' related lists may change, more than " + limits.maxSimilar());
    }
    if (w.priceMs() <= limits.budgetMs()) {
      return Optional.empty();
    }
    double related = similarPrice(w.similar(), w.skills());
    String lists =
        related == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "; with %d related lists that may change, %.0f ms",
                w.similar(),
                related);
    if (w.rankings() == 0 && w.decisions() > 0) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "%d trigger rankings to decide from records, priced %.0f ms of CPU (%.2f ms each at"
                  + " %d skills%s), over the route step's budget of %.0f ms",
              w.decisions(),
              w.priceMs(),
              decideMs(w.skills()),
              w.skills(),
              lists,
              limits.budgetMs()));
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%d trigger rankings to make, priced %.0f ms of CPU (%.2f ms each at %d skills%s%s),"
                + " over the route step's budget of %.0f ms",
            w.rankings(),
            w.priceMs(),
            rankingMs(w.skills()),
            w.skills(),
            w.decisions() == 0
                ? ""
                : String.format(
                    Locale.ROOT,
                    "; with %d decided from records, %.0f ms",
                    w.decisions(),
                    decisionsPrice(w.decisions(), w.skills())),
            lists,
            limits.budgetMs()));
  }
}
