package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build killed at any moment leaves the previous site whole (issue 2 and 7: nothing lost). */
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
    SortedMap<String, String> whole = fingerprint(out);

    Random random = new Random(42);
    for (int i = 0; i < KILLS; i++) {
      long killAfter = (long) (random.nextDouble() * fullMillis * 1.1);
      runChild(out, killAfter);
      assertEquals(List.of(), differences(whole, fingerprint(out)),
          "site after a kill at " + killAfter + " ms (run " + i + ")");
    }
    assertEquals(0, runChild(out, -1), "a build after the kills");
    assertEquals(List.of(), differences(whole, fingerprint(out)));
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertEquals(List.of("site"), siblings.map(p -> p.getFileName().toString()).toList(),
          "the next build cleans up what the killed ones left beside the output");
    }
  }

  /** The files that differ, are missing or were added, one line each. */
  static List<String> differences(SortedMap<String, String> expected, SortedMap<String, String> actual) {
    SortedMap<String, String> all = new TreeMap<>(expected);
    all.putAll(actual);
    return all.keySet().stream()
        .filter(k -> !java.util.Objects.equals(expected.get(k), actual.get(k)))
        .map(k -> k + (expected.containsKey(k) ? actual.containsKey(k) ? " differs" : " missing" : " added"))
        .toList();
  }

  /** Runs {@code build} in a child JVM; kills it after {@code killAfterMillis} unless negative. */
  private static int runChild(Path out, long killAfterMillis) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "dev.skillsite.cli.Main", "build", "--content", LARGE.toString(), "--out", out.toString())
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

  /**
   * Relative path → SHA-256 of every file under {@code root}. Lucene stamps each segment with a random id
   * and a timestamp, so files of the routing index count by name only.
   */
  static SortedMap<String, String> fingerprint(Path root) throws IOException {
    SortedMap<String, String> map = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        map.put(rel, rel.startsWith(BuildPipeline.LUCENE_DIR + "/") ? "lucene" : sha256(Files.readAllBytes(f)));
      }
    }
    return map;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
