package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.SkillId;
import dev.skillsite.testing.TestSkills;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void stemmingMatchesOtherWordForms() throws IOException {
    try (RoutingIndex index = RoutingIndex.build(TestSkills.fixture())) {
      assertEquals("git-commit", ranked(new Router(index), "I committed code, now the message").get(0));
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
  void writtenIndexOpensAndRanksTheSame(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("search/lucene");
    try (RoutingIndex built = RoutingIndex.build(TestSkills.fixture())) {
      built.writeTo(out);
      try (RoutingIndex opened = RoutingIndex.open(out)) {
        for (String q : List.of("slow query with a table scan", "shrink my docker image", "supervisor restarts")) {
          assertEquals(new Router(built).route(q, 5), new Router(opened).route(q, 5), q);
        }
        assertEquals(5, opened.size());
      }
    }
    assertTrue(Files.list(out).findAny().isPresent());
  }

  @Test
  void openingAMissingIndexFails(@TempDir Path dir) {
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> RoutingIndex.open(dir.resolve("nothing")));
    assertTrue(e.getMessage().startsWith("no routing index at "), e.getMessage());
  }

  @Test
  void similarSkillsShareVocabularyAndSayWhich() throws IOException {
    var skills = new java.util.ArrayList<>(TestSkills.fixture());
    skills.add(TestSkills.of("otp-supervisors", "Design supervision trees and restart strategies for GenServer"
        + " processes. Use when a supervisor keeps restarting a child.", "# Supervisors\n"));
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      List<Similar> sim = index.similar(new SkillId("otp-thinking"), 2);
      assertFalse(sim.isEmpty());
      assertEquals("otp-supervisors", sim.get(0).id().value());
      assertTrue(sim.get(0).reason().startsWith("shares: "), sim.get(0).reason());
      assertTrue(sim.get(0).reason().contains("supervis"), sim.get(0).reason());
      assertTrue(sim.stream().noneMatch(s -> s.id().value().equals("otp-thinking")));
      assertEquals(List.of(), index.similar(new SkillId("no-such-skill"), 3));
    }
  }
}
