package dev.skillsite.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.Confidence;
import dev.skillsite.routing.Router;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.SolrSource;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.ReplicatedCorpus;
import dev.skillsite.testing.SolrCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * route through a real SolrCloud (2 nodes, 2 shards × 2 replicas) against a local route on the 10×
 * replica of {@code large} ({@code bench/replicate --vary large 10}: 8,830 skills, copies that
 * differ in their text and audience), on every query of ../shared/eval.
 */
@Tag("solr")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SolrRoutingTenTimesTest {
  static final String COLLECTION = "large-x10";
  Path work;
  SolrCluster cluster;
  List<Skill> skills;
  RoutingIndex local;

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(SolrRoutingTest.LARGE), "shared corpora missing");
    work = Files.createTempDirectory("skillsite-x10");
    skills = CorpusSkills.load(ReplicatedCorpus.of(SolrRoutingTest.LARGE, 10, work));
    local = RoutingIndex.build(skills);
    cluster = new SolrCluster(2);
    cluster.createIndexed(COLLECTION, 2, 2, skills);
  }

  @AfterAll
  void stop() throws Exception {
    try (Stream<Path> s = work == null ? Stream.empty() : Files.walk(work)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    if (local != null) {
      local.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void routesAsALocalIndexDoesAtTenTimesLarge() throws IOException {
    assertEquals(8830, skills.size(), "bench/replicate --vary large 10");
    SolrRoutingTest.Agreement a =
        SolrRoutingTest.Agreement.of(
            SolrRoutingTest.queries(),
            new Router(local),
            new Router(new SolrSource(cluster.client(COLLECTION)), Confidence.DEFAULT));
    System.out.printf(
        "solr vs local on large x10: %d queries, top %d, abstention %d, matched %d,"
            + " max confidence gap %.2e%n",
        a.queries(), a.top(), a.abstention(), a.matched(), a.maxConfidenceGap());
    a.differ().forEach(d -> System.out.println("  differs: " + d));
    assertTrue(
        a.share(a.top()) >= 0.99, () -> "top skill agrees on " + a.top() + "/" + a.queries());
    assertTrue(
        a.share(a.abstention()) >= 0.99,
        () -> "abstention agrees on " + a.abstention() + "/" + a.queries());
    assertTrue(
        a.share(a.matched()) >= 0.99, () -> "matched agrees on " + a.matched() + "/" + a.queries());
  }
}
