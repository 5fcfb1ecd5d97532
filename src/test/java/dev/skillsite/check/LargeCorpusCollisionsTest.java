package dev.skillsite.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skillsite.content.ContentLoader;
import dev.skillsite.model.Skill;
import dev.skillsite.triggers.TriggerExtractor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The large corpus's collision list is the same, in the same order, however often it is computed.
 */
@Tag("corpus")
class LargeCorpusCollisionsTest {
  @Test
  void collisionListComputedTwiceIsIdentical() throws IOException {
    Path root = Path.of("../shared/corpora/large");
    assumeTrue(Files.isDirectory(root), "corpus not present: " + root);
    TriggerExtractor extractor = new TriggerExtractor();
    List<Skill> skills =
        new ContentLoader()
            .load(root).skills().stream()
                .map(s -> s.withTriggers(extractor.extract(s.description())))
                .toList();
    RoutingHealth first;
    try (RouterProbe probe = RouterProbe.over(skills)) {
      first = new RoutingAnalyzer(probe).analyze(skills);
    }
    List<Skill> shuffled = new ArrayList<>(skills);
    Collections.reverse(shuffled);
    RoutingHealth second;
    try (RouterProbe probe = RouterProbe.over(shuffled)) {
      second = new RoutingAnalyzer(probe).analyze(shuffled);
    }
    assertFalse(first.pairs().isEmpty(), "a collection this size has collisions");
    assertEquals(
        first.pairs().stream().map(p -> p.first() + " " + p.second()).toList(),
        second.pairs().stream().map(p -> p.first() + " " + p.second()).toList());
    assertEquals(
        first.collisions().stream()
            .map(c -> c.owner() + " " + c.trigger() + " " + c.rival())
            .toList(),
        second.collisions().stream()
            .map(c -> c.owner() + " " + c.trigger() + " " + c.rival())
            .toList());
    assertEquals(first.unreachable(), second.unreachable());
  }
}
