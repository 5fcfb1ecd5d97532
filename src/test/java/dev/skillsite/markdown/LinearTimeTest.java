package dev.skillsite.markdown;

import static org.junit.jupiter.api.Assertions.fail;

import dev.skillsite.model.SkillId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile Markdown renders in time linear in its length (issue 26): each shape, ten times longer,
 * takes at most fifteen times as long, measured in one run (a quadratic path takes a hundred times
 * as long). The shorter input is timed after a warm-up with both, each the best of a few runs in
 * this thread's CPU time, in up to three attempts, so that a busy machine does not decide.
 */
class LinearTimeTest {
  private static final double MAX_RATIO = 15;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private final MarkdownRenderer renderer = new MarkdownRenderer();

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of("bare <", 16_000, (IntFunction<String>) n -> "<".repeat(n)),
        Arguments.of("unclosed <a", 4_000, (IntFunction<String>) n -> "<a ".repeat(n)),
        Arguments.of(
            "backtick runs of growing length",
            // n^1.5 before the fix (each run scanned ahead for its equal): at 40,000 characters
            // the old code still grew only x13 for x10, at 200,000 x25
            200_000,
            (IntFunction<String>) LinearTimeTest::backtickRuns),
        Arguments.of(
            "processing instructions", 4_000, (IntFunction<String>) n -> "x " + "<? ".repeat(n)),
        Arguments.of("comments", 4_000, (IntFunction<String>) n -> "x " + "<!-- ".repeat(n)),
        Arguments.of("declarations", 4_000, (IntFunction<String>) n -> "x " + "<!A ".repeat(n)),
        Arguments.of("cdata", 20_000, (IntFunction<String>) n -> "x " + "<![CDATA[ ".repeat(n)),
        Arguments.of(
            "autolink starts before one >", 8_000, (IntFunction<String>) n -> "<a".repeat(n) + ">"),
        // the sanitizer's unwrapping, per sibling: x25 for x10 before the fix at 1,000, x32 at
        // 4,000
        Arguments.of("links to nowhere", 4_000, (IntFunction<String>) n -> "<a href=x>".repeat(n)),
        Arguments.of(
            "images to nowhere", 1_000, (IntFunction<String>) n -> "<img src=x>".repeat(n)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void tenTimesLongerTakesAtMostFifteenTimesAsLong(
      String shape, int n, IntFunction<String> markdown) {
    String small = markdown.apply(n);
    String large = markdown.apply(10 * n);
    for (int i = 0; i < 3; i++) {
      time(small);
    }
    time(large);
    String measured = "";
    // a quadratic path fails every attempt; the compiler or the collector stepping in fails one at
    // most
    for (int attempt = 0; attempt < 3; attempt++) {
      long smallNanos = best(small, 5);
      long largeNanos = best(large, 3);
      // below 10 ms the small input measures the clock and the caches, not the algorithm: a fast
      // machine ran the linear backtick shape's 200,000 characters in 2 ms and 2 MB in 47-70 ms
      double ratio = (double) largeNanos / Math.max(smallNanos, 10_000_000);
      measured +=
          String.format(
              Locale.ROOT,
              "%s: %d chars in %.3f s, %d chars in %.3f s (x%.1f); ",
              shape,
              small.length(),
              smallNanos / 1e9,
              large.length(),
              largeNanos / 1e9,
              ratio);
      if (ratio <= MAX_RATIO) {
        return;
      }
    }
    fail(measured);
  }

  private long best(String markdown, int runs) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      best = Math.min(best, time(markdown));
    }
    return best;
  }

  /** CPU time of this thread: on a shared machine, wall time measures the neighbours. */
  private long time(String markdown) {
    long start = CPU.getCurrentThreadCpuTime();
    SourceDocument doc = new SourceDocument("s/SKILL.md", new SkillId("s"), "s", markdown, 1);
    renderer.render(renderer.parse(doc), new FakeTargets(), MentionIndex.none()).html().html();
    return CPU.getCurrentThreadCpuTime() - start;
  }

  static String backtickRuns(int length) {
    StringBuilder sb = new StringBuilder();
    for (int k = 1; sb.length() < length; k++) {
      sb.append("`".repeat(k)).append('x');
    }
    return sb.toString();
  }
}
