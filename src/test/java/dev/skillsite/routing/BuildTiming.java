package dev.skillsite.routing;

import dev.skillsite.testing.CorpusSkills;
import java.nio.file.Path;

/** Scratch: warm build timings of the large corpus. */
final class BuildTiming {
  public static void main(String[] args) throws Exception {
    var skills = CorpusSkills.load(Path.of("../shared/corpora/large"));
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      try (RoutingIndex idx = RoutingIndex.build(skills)) {
        System.out.printf("build %d ms (%d docs)%n", (System.nanoTime() - t0) / 1_000_000, idx.size());
      }
    }
  }
}
