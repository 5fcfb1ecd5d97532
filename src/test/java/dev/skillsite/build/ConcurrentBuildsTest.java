package dev.skillsite.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.site.SiteGenerator;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds into one output folder at once (a CI job and {@code serve --watch}, two jobs on one
 * runner): each build that reports success leaves a whole site, and nothing is left half-written
 * beside it.
 */
@Tag("process")
class ConcurrentBuildsTest {
  private static final int ROUNDS = 10;

  @TempDir Path tmp;

  @Test
  void twoBuildsIntoOneFolderAtOnceEachLeaveAWholeSite() throws Exception {
    Path content = tmp.resolve("content");
    for (int i = 0; i < 20; i++) {
      TestSkills.write(
          content,
          "skill-" + i,
          "Use when the user asks to \"do task number " + i + "\".",
          "Body of skill " + i + ".\n\n## Steps\n\nRun the task " + i + " carefully.");
    }
    Path reference = tmp.resolve("reference");
    pipeline().run(new BuildOptions(content, reference, Optional.empty(), true, false));
    Map<String, Long> whole = files(reference);
    assertTrue(whole.size() > 50, "a site of some size: " + whole.size());

    Path out = tmp.resolve("site");
    List<String> failures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<String>> builds = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
          builds.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      BuildResult r =
                          pipeline()
                              .run(new BuildOptions(content, out, Optional.empty(), true, false));
                      if (!r.published()) {
                        return "not published: " + r.diagnostics();
                      }
                      Map<String, Long> now = files(out);
                      return now.equals(whole)
                          ? ""
                          : "reported success but left "
                              + now.size()
                              + " of "
                              + whole.size()
                              + " files";
                    } catch (IOException | RuntimeException e) {
                      return "failed: " + e;
                    }
                  }));
        }
        for (Future<String> f : builds) {
          String outcome = f.get();
          if (!outcome.isEmpty()) {
            failures.add("round " + round + ": " + outcome);
          }
        }
        Map<String, Long> after = files(out);
        if (!after.equals(whole)) {
          failures.add(
              "round "
                  + round
                  + ": after both builds the site has "
                  + after.size()
                  + " of "
                  + whole.size()
                  + " files");
        }
        try (Stream<Path> beside = Files.list(tmp)) {
          assertEquals(
              List.of(),
              beside
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.startsWith(".site."))
                  .toList(),
              "round " + round + ": no staging, old or lock file left");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), failures);
  }

  private static BuildPipeline pipeline() {
    return new BuildPipeline(new SiteGenerator(Optional.empty()), Progress.NONE);
  }

  /**
   * Relative path to size of every file of a site (the build time stamp aside, sizes are stable).
   */
  private static Map<String, Long> files(Path site) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    if (!Files.isDirectory(site)) {
      return out;
    }
    try (Stream<Path> all = Files.walk(site)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        out.put(site.relativize(p).toString(), Files.size(p));
      }
    }
    return out;
  }
}
