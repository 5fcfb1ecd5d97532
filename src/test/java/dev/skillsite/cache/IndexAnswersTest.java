package dev.skillsite.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.SkillId;
import dev.skillsite.routing.Similar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexAnswersTest {
  private static final IndexAnswers.Ranked TEA = new IndexAnswers.Ranked(new SkillId("tea"), 3.25);
  private static final Similar COFFEE =
      new Similar(new SkillId("coffee"), 1.5, "shares: brew, grind");

  @TempDir Path tmp;
  private final AtomicInteger asked = new AtomicInteger();

  private IndexAnswers.Ranker liveRanker() {
    return q -> {
      asked.incrementAndGet();
      return List.of(TEA);
    };
  }

  private IndexAnswers.Finder liveFinder() {
    return (id, n) -> {
      asked.incrementAndGet();
      return List.of(COFFEE);
    };
  }

  /** A build's answers, written for {@code key}. */
  private Path written(String key) throws IOException {
    IndexAnswers a = new IndexAnswers();
    assertEquals(List.of(TEA), a.ranker(this::liveRanker).rank("brew green tea"));
    assertEquals(List.of(COFFEE), a.finder(this::liveFinder).similar(new SkillId("tea"), 6));
    assertEquals(2, asked.getAndSet(0), "a new build asks everything");
    Path file = tmp.resolve("answers.bin");
    a.write(file, key);
    return file;
  }

  @Test
  void theNextBuildOfTheSameIndexIsAnsweredWithoutAsking() throws IOException {
    IndexAnswers again = IndexAnswers.read(written("key-1"), "key-1").orElseThrow();
    assertEquals(
        List.of(TEA),
        again
            .ranker(
                () -> {
                  throw new AssertionError("probe made");
                })
            .rank("brew green tea"));
    assertEquals(
        List.of(COFFEE),
        again
            .finder(
                () -> {
                  throw new AssertionError("finder made");
                })
            .similar(new SkillId("tea"), 6));
    assertEquals(0, asked.get());
    // a question it does not hold is asked, once
    IndexAnswers.Ranker probe = again.ranker(this::liveRanker);
    probe.rank("grind beans");
    probe.rank("grind beans");
    again.finder(this::liveFinder).similar(new SkillId("tea"), 7);
    assertEquals(2, asked.get(), "one new phrase, one other count");
  }

  @Test
  void answersForAnotherIndexOrDamagedAreNotUsed() throws IOException {
    Path file = written("key-1");
    assertTrue(IndexAnswers.read(file, "key-2").isEmpty(), "another index's answers");
    byte[] bytes = Files.readAllBytes(file);
    for (int at : new int[] {bytes.length / 2, bytes.length - 20}) {
      byte[] damaged = bytes.clone();
      damaged[at] ^= 0x01; // one bit of a score, or of a name
      Files.write(file, damaged);
      assertTrue(IndexAnswers.read(file, "key-1").isEmpty(), "one bit flipped at " + at);
    }
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertTrue(IndexAnswers.read(file, "key-1").isEmpty(), "truncated");
    assertTrue(IndexAnswers.read(tmp.resolve("missing.bin"), "key-1").isEmpty(), "missing");
  }

  @Test
  void theSameAnswersMakeTheSameBytes() throws IOException {
    byte[] first = Files.readAllBytes(written("k"));
    IndexAnswers other = new IndexAnswers();
    // recorded in another order (the probes run in parallel)
    other.finder(this::liveFinder).similar(new SkillId("tea"), 6);
    other.ranker(this::liveRanker).rank("brew green tea");
    Path file = tmp.resolve("other.bin");
    other.write(file, "k");
    assertEquals(
        java.util.Arrays.toString(first), java.util.Arrays.toString(Files.readAllBytes(file)));
  }
}
