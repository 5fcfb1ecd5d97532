package dev.skillsite.triggers;

import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.Frontmatter;
import java.nio.file.Path;

/** Scratch: extraction over every SKILL.md of the shared corpora (crashes, time, counts). */
final class ExtractAll {
  public static void main(String[] args) throws Exception {
    TriggerExtractor x = new TriggerExtractor();
    int n = 0, phrases = 0, keywords = 0, use = 0, not = 0;
    long ex = 0;
    long t0 = System.nanoTime();
    for (Path f : CorpusSkills.files(Path.of("../shared/corpora"))) {
      String d = Frontmatter.description(f);
      long e0 = System.nanoTime();
      var t = x.extract(d);
      ex += System.nanoTime() - e0;
      n++;
      phrases += t.phrases().isEmpty() ? 0 : 1;
      keywords += t.keywords().isEmpty() ? 0 : 1;
      use += t.useWhen().isEmpty() ? 0 : 1;
      not += t.notFor().isEmpty() ? 0 : 1;
    }
    System.out.printf("extract() total %d ms; ", ex / 1_000_000);
    System.out.printf(
        "%d descriptions in %d ms: with phrases %d, keywords %d, use-when %d, not-for %d%n",
        n, (System.nanoTime() - t0) / 1_000_000, phrases, keywords, use, not);
  }
}
