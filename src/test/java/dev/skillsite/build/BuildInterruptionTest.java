package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skillsite.testing.SiteFingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build killed at any moment leaves the previous site whole (issue 2 and 7: nothing lost). */
@Tag("process")
class BuildInterruptionTest {
  private static final Path LARGE = Path.of("../shared/corpora/large");
  private static final int KILLS = 20;

  @TempDir Path tmp;

  @Test
  void aBuildKilledAtRandomPointsLeavesAWholeSite() throws Exception {
    assumeTrue(Files.isDirectory(LARGE), "needs ../shared/corpora/large");
    Path out = tmp.resolve("site");
    long t0 = System.nanoTime();
    assertEquals(0, runChild(out, -1), "a complete first build");
    long fullMillis = (System.nanoTime() - t0) / 1_000_000;
    SortedMap<String, String> whole = SiteFingerprint.of(out);

    Random random = new Random(42);
    for (int i = 0; i < KILLS; i++) {
      long killAfter = (long) (random.nextDouble() * fullMillis * 1.1);
      runChild(out, killAfter);
      assertEquals(
          List.of(),
          SiteFingerprint.differences(whole, SiteFingerprint.of(out)),
          "site after a kill at " + killAfter + " ms (run " + i + ")");
    }
    assertEquals(0, runChild(out, -1), "a build after the kills");
    assertEquals(List.of(), SiteFingerprint.differences(whole, SiteFingerprint.of(out)));
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertEquals(
          List.of("site"),
          siblings.map(p -> p.getFileName().toString()).toList(),
          "the next build cleans up what the killed ones left beside the output");
    }
  }

  /** Runs {@code build} in a child JVM; kills it after {@code killAfterMillis} unless negative. */
  private static int runChild(Path out, long killAfterMillis)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.skillsite.cli.Main",
                "build",
                "--content",
                LARGE.toString(),
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (killAfterMillis < 0) {
      return p.waitFor(5, TimeUnit.MINUTES) ? p.exitValue() : -1;
    }
    if (!p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
    }
    return p.waitFor(1, TimeUnit.MINUTES) ? p.exitValue() : -1;
  }
}
