package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.model.SkillId;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingIndexTest {
  private static List<String> ranked(Router r, String q) {
    return r.route(q, 5).hits().stream().map(RouteHit::name).toList();
  }

  @Test
  void camelCaseWordsMatchTheirParts() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      Router r = new Router(index);
      assertEquals("otp-thinking", ranked(r, "my gen server keeps its state between calls").get(0));
      assertEquals("otp-thinking", ranked(r, "genserver state").get(0));
    }
  }

  /**
   * A link's address is not what the skill says: its words (a host, an organisation) are not in the
   * body.
   */
  @Test
  void theWordsOfALinkAddressAreNotIndexed() throws IOException {
    assertEquals(
        "[the preview tool] and ![shot].",
        SkillDocument.withoutLinkTargets(
            "[the preview tool](https://github.com/vercel-labs/agent-browser) and ![shot](img/a.png \"title\")."));
    assertEquals(
        "no links here (really)", SkillDocument.withoutLinkTargets("no links here (really)"));

    List<Skill> skills =
        List.of(
            TestSkills.of(
                "sim-preview",
                "Use when the user asks to \"screenshot the simulator\".",
                "Streams through [the preview tool](https://github.com/vercel-labs/agent-browser)."),
            TestSkills.of(
                "web-deploy",
                "Use when the user asks to \"ship the site\".",
                "Pushes the build to a host."));
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      RouteResult r = new Router(index).route("vercel labs", 5);
      assertTrue(
          r.hits().stream().noneMatch(h -> h.name().equals("sim-preview")), r.hits().toString());
      assertEquals(
          "sim-preview",
          ranked(new Router(index), "preview tool").get(0),
          "the link's text still counts");
    }
  }

  @Test
  void stemmingMatchesOtherWordForms() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      assertEquals(
          "git-commit", ranked(new Router(index), "I committed code, now the message").get(0));
    }
  }

  @Test
  void matchedNamesTheTriggerThatFits() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      RouteHit top = new Router(index).route("please fill this pdf form for me", 3).hits().get(0);
      assertEquals("pdf-forms", top.name());
      assertEquals("fill this PDF form", top.matched());
    }
  }

  @Test
  void theSameSkillsGiveTheSameIndexBytesAndOtherSkillsOtherIds(@TempDir Path dir)
      throws IOException {
    assertTrue(
        ReproducibleIds.available(),
        "Lucene's id counter can be pinned (check after a Lucene upgrade)");
    for (String name : List.of("a", "b")) {
      try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
        index.writeTo(dir.resolve(name));
      }
    }
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture().subList(0, 3))) {
      index.writeTo(dir.resolve("other"));
    }
    List<String> files;
    try (var list = Files.list(dir.resolve("a"))) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertTrue(files.contains("segments_1"), files.toString());
    for (String f : files) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(f)),
          Files.readAllBytes(dir.resolve("b").resolve(f)),
          f);
    }
    byte[] si = Files.readAllBytes(dir.resolve("a/_0.si"));
    byte[] otherSi = Files.readAllBytes(dir.resolve("other/_0.si"));
    // the segment id follows the codec header (magic, name, version): other content, other id
    int idAt = org.apache.lucene.codecs.CodecUtil.headerLength("Lucene90SegmentInfo");
    assertFalse(
        java.util.Arrays.equals(
            java.util.Arrays.copyOfRange(si, idAt, idAt + 16),
            java.util.Arrays.copyOfRange(otherSi, idAt, idAt + 16)));
  }

  @Test
  void anIndexInvertedInPartsRanksAsOneWriterAndIsReproducible(@TempDir Path dir)
      throws IOException {
    List<Skill> skills = new ArrayList<>(TestSkills.fixture());
    for (int i = 0;
        i < 400;
        i++) { // varied vocabulary, so that part statistics differ from the whole's
      skills.add(
          TestSkills.of(
              "filler-" + i,
              "Use when the user asks about topic "
                  + i
                  + " and widget w"
                  + (i % 37)
                  + ", or mentions gadget g"
                  + (i % 11)
                  + ".",
              "# Filler "
                  + i
                  + "\n\n## Section s"
                  + (i % 5)
                  + "\n\nBody about widget w"
                  + (i % 37)
                  + " and cache layer "
                  + (i % 3)
                  + ".\n"));
    }
    List<String> queries =
        List.of(
            "slow query with a table scan",
            "shrink my docker image",
            "widget w3 topic 40",
            "gadget g7 and cache layer",
            "supervisor restarts");
    try (RoutingIndex one = RoutingIndex.build(skills, 1);
        RoutingIndex parts = RoutingIndex.build(skills, 3)) {
      assertEquals(skills.size(), parts.size());
      for (int doc = 0; doc < skills.size(); doc++) {
        assertEquals(skills.get(doc).id(), parts.skill(doc).id(), "document order kept");
      }
      Router a = new Router(one);
      Router b = new Router(parts);
      for (String q : queries) {
        RouteResult x = a.route(q, 10);
        RouteResult y = b.route(q, 10);
        assertEquals(x.abstained(), y.abstained(), q);
        assertEquals(
            x.hits().stream()
                .map(h -> h.id() + " " + h.score() + " " + h.confidence() + " " + h.matched())
                .toList(),
            y.hits().stream()
                .map(h -> h.id() + " " + h.score() + " " + h.confidence() + " " + h.matched())
                .toList(),
            q);
      }
      parts.writeTo(dir.resolve("a"));
    }
    try (RoutingIndex again = RoutingIndex.build(skills, 3)) {
      again.writeTo(dir.resolve("b"));
    }
    List<String> files;
    try (var list = Files.list(dir.resolve("a"))) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    for (String f : files) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(f)),
          Files.readAllBytes(dir.resolve("b").resolve(f)),
          f);
    }
  }

  @Test
  void writtenIndexOpensAndRanksTheSame(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("search/lucene");
    try (RoutingIndex built = RoutingIndex.build(TestSkills.fixture())) {
      built.writeTo(out);
      try (RoutingIndex opened = RoutingIndex.open(out)) {
        for (String q :
            List.of(
                "slow query with a table scan", "shrink my docker image", "supervisor restarts")) {
          assertEquals(new Router(built).route(q, 5), new Router(opened).route(q, 5), q);
        }
        assertEquals(5, opened.size());
      }
    }
    assertTrue(Files.list(out).findAny().isPresent());
  }

  @Test
  void aCollectionsOwnThresholdIsKeptInTheIndexAndRoutesWithIt(@TempDir Path dir)
      throws IOException {
    String q = "shrink my docker image";
    Path strict = dir.resolve("strict");
    Path plain = dir.resolve("plain");
    try (RoutingIndex built =
            RoutingIndex.build(TestSkills.fixture(), Confidence.DEFAULT.withThreshold(0.999));
        RoutingIndex usual = RoutingIndex.build(TestSkills.fixture())) {
      built.writeTo(strict);
      usual.writeTo(plain);
      assertTrue(new Router(usual).route(q, 5).triggered(), "fires at the default threshold");
      assertFalse(new Router(built).route(q, 5).triggered(), "abstains at 0.999");
    }
    try (RoutingIndex opened = RoutingIndex.open(strict);
        RoutingIndex usual = RoutingIndex.open(plain)) {
      assertEquals(0.999, opened.confidence().threshold());
      assertFalse(new Router(opened).route(q, 5).triggered());
      assertTrue(
          new Router(opened, Confidence.DEFAULT).route(q, 5).triggered(),
          "an explicit threshold wins");
      assertEquals(Confidence.DEFAULT, usual.confidence());
    }
    // the default threshold is not written at all: such an index is byte for byte what it was
    // before
    try (Directory d = FSDirectory.open(plain);
        DirectoryReader r = DirectoryReader.open(d)) {
      assertEquals(Map.of(), r.getIndexCommit().getUserData());
    }
  }

  @Test
  void openingAMissingIndexFails(@TempDir Path dir) {
    IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class, () -> RoutingIndex.open(dir.resolve("nothing")));
    assertTrue(e.getMessage().startsWith("no routing index at "), e.getMessage());
  }

  @Test
  void similarSkillsShareVocabularyAndSayWhich() throws IOException {
    var skills = new java.util.ArrayList<>(TestSkills.fixture());
    skills.add(
        TestSkills.of(
            "otp-supervisors",
            "Design supervision trees and restart strategies for GenServer"
                + " processes. Use when a supervisor keeps restarting a child.",
            "# Supervisors\n"));
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      List<Similar> sim = index.similar(new SkillId("otp-thinking"), 2);
      assertFalse(sim.isEmpty());
      assertEquals("otp-supervisors", sim.get(0).id().value());
      assertTrue(sim.get(0).reason().startsWith("both cover "), sim.get(0).reason());
      assertTrue(sim.get(0).reason().contains("supervis"), sim.get(0).reason());
      assertTrue(sim.stream().noneMatch(s -> s.id().value().equals("otp-thinking")));
      assertEquals(List.of(), index.similar(new SkillId("no-such-skill"), 3));
    }
  }
}
