package dev.skillsite.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skillsite.model.Skill;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing state's commit ({@link RoutingPatch.Patched#commit}) stopped part-way, as a crash
 * stops it: its five parts are committed at once ({@link RoutingPatch#PARALLEL_COMMIT}), so a crash
 * can leave any subset of them committed, not only a prefix. Every such state must be refused by
 * the next patch (the build then falls back to a whole build, which writes the state again), and a
 * state where no part was committed must patch as before.
 */
class RoutingStateCommitTest {
  private static final String KEY = "code+config";
  private static final List<String> PARTS =
      List.of("index", "tomb", "triggers", "surfaces", RoutingPatch.SIMILAR);

  @TempDir Path cache;

  @AfterEach
  void noHook() {
    RoutingPatch.beforePart = name -> {};
  }

  @Test
  void aCommitStoppedAfterAnySubsetOfItsPartsCannotPatch() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    Set<String> triggers = new LinkedHashSet<>();
    skills.forEach(s -> triggers.addAll(s.triggers().phrases()));
    Skill before = skills.get(2);
    Skill after = SkillEdits.bodyWordReplaced(before);
    List<Skill> edited = new ArrayList<>(skills);
    edited.set(2, after);
    int refused = 0;
    // mask: the parts that commit; all five = a crash before the state file names them
    for (int mask = 0; mask < 1 << PARTS.size(); mask++) {
      try (RoutingIndex fresh = RoutingIndex.build(skills)) {
        RoutingPatch.write(cache, fresh, triggers, KEY);
      }
      Set<String> stopped = ConcurrentHashMap.newKeySet();
      for (int i = 0; i < PARTS.size(); i++) {
        if ((mask & (1 << i)) == 0) {
          stopped.add(PARTS.get(i));
        }
      }
      if (stopped.isEmpty()) {
        stopped.add("state.properties");
      }
      RoutingPatch.beforePart =
          name -> {
            if (stopped.contains(name)) {
              throw new IllegalStateException("killed before " + name);
            }
          };
      try (RoutingPatch.Patched p = patched(patch(cache, change(before, after)))) {
        RuntimeException e = assertThrows(RuntimeException.class, p::commit);
        assertTrue(e.getMessage().startsWith("killed before"), e.toString());
      }
      RoutingPatch.beforePart = name -> {};
      for (int i = 0; i < PARTS.size(); i++) {
        assertEquals(
            (mask & (1 << i)) != 0 ? "1" : "0",
            generation(PARTS.get(i)),
            PARTS.get(i) + " after mask " + mask);
      }
      RoutingPatch.Outcome next = patch(cache, change(before, after));
      if (mask == 0) {
        // nothing committed: the state is the old one whole, and patches as before
        patched(next).close();
      } else {
        refused++;
        assertInstanceOf(RoutingPatch.CannotPatch.class, next, "mask " + mask);
        assertTrue(
            ((RoutingPatch.CannotPatch) next).reason().contains("generation"), next.toString());
        // the whole build the refusal falls back to writes the state again; it patches
        try (RoutingIndex fresh = RoutingIndex.build(edited)) {
          RoutingPatch.write(cache, fresh, triggers, KEY);
        }
        try (RoutingPatch.Patched p = patched(patch(cache, change(after, before)))) {
          p.commit();
        }
        patched(patch(cache, change(before, after))).close();
      }
    }
    assertEquals(31, refused);
  }

  @Test
  void thePartsAreCommittedAtOnceUnlessSwitchedOff() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, List.of("make a pdf"), KEY);
    }
    // every part waits until all five are committing: only threads at once get past it
    CountDownLatch all = new CountDownLatch(PARTS.size());
    Set<String> met = ConcurrentHashMap.newKeySet();
    RoutingPatch.beforePart =
        name -> {
          if (!PARTS.contains(name)) {
            return;
          }
          all.countDown();
          try {
            if (all.await(RoutingPatch.PARALLEL_COMMIT ? 60 : 1, TimeUnit.SECONDS)) {
              met.add(name);
            }
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };
    Skill before = skills.get(3);
    try (RoutingPatch.Patched p =
        patched(patch(cache, change(before, SkillEdits.bodyWordReplaced(before))))) {
      p.commit();
    }
    assertEquals(RoutingPatch.PARALLEL_COMMIT ? Set.copyOf(PARTS) : Set.of("similar"), met);
    for (String part : PARTS) {
      assertEquals("1", generation(part), part);
    }
    String commit = RoutingPatch.lastCommit();
    assertTrue(commit.startsWith("commit "), commit);
    for (String part : PARTS) {
      assertTrue(commit.contains(" " + part + " "), commit);
    }
    assertEquals("", RoutingPatch.lastCommit());
  }

  @Test
  void aCrashAfterTheCommitsWerePreparedBesideTheSiteLeavesTheOldState() throws IOException {
    List<Skill> skills = CorpusSkills.load(Path.of("../shared/corpora/anthropic"));
    Set<String> triggers = new LinkedHashSet<>();
    skills.forEach(s -> triggers.addAll(s.triggers().phrases()));
    try (RoutingIndex fresh = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, fresh, triggers, KEY);
    }
    Skill before = skills.get(4);
    Skill after = SkillEdits.bodyWordReplaced(before);
    Path crashed = cache.resolveSibling(cache.getFileName() + "-crashed");
    try (RoutingPatch.Patched p = patched(patch(cache, change(before, after)))) {
      p.prepareCommit();
      p.awaitTables();
      // the disk as a crash here leaves it: every part's next commit written, none made the state
      copy(cache, crashed);
    } // closed without commit: dropped
    try {
      for (Path at : List.of(cache, crashed)) {
        Path root = at.resolve(RoutingPatch.DIR);
        for (String part : PARTS) {
          try (var files = java.nio.file.Files.list(root.resolve(part))) {
            long pending =
                files
                    .filter(f -> f.getFileName().toString().startsWith("pending_segments"))
                    .count();
            assertEquals(
                at == crashed && RoutingPatch.EARLY_PREPARE ? 1 : 0, pending, at + " " + part);
          }
        }
        try (RoutingPatch.Patched p = patched(patch(at, change(before, after)))) {
          assertEquals("0", generationIn(at, "similar"));
          p.commit();
        }
        for (String part : PARTS) {
          assertEquals("1", generationIn(at, part), part);
        }
        // the state is the edit's: the edit put back routes as the collection before it
        try (RoutingPatch.Patched p = patched(patch(at, change(after, before)));
            RoutingIndex fresh = RoutingIndex.build(skills)) {
          Router router = new Router(fresh);
          Router patched = p.router();
          for (String q : triggers) {
            assertEquals(router.route(q, 5), patched.route(q, 5), q);
          }
        }
      }
    } finally {
      dev.skillsite.output.FileTrees.delete(crashed);
    }
  }

  /** A copy of every file under {@code from}, as a crash leaves them on disk. */
  private static void copy(Path from, Path to) throws IOException {
    try (var all = java.nio.file.Files.walk(from)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        Path at = to.resolve(from.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(at);
        } else {
          java.nio.file.Files.copy(f, at);
        }
      }
    }
  }

  private static List<RoutingPatch.Change> change(Skill before, Skill after) {
    return List.of(new RoutingPatch.Change(before, after));
  }

  private static RoutingPatch.Outcome patch(Path cache, List<RoutingPatch.Change> changes) {
    return RoutingPatch.patch(cache, KEY, changes, List.of(), List.of(), 5);
  }

  private static RoutingPatch.Patched patched(RoutingPatch.Outcome o) {
    return assertInstanceOf(RoutingPatch.Patched.class, o, o.toString());
  }

  private String generation(String part) throws IOException {
    return generationIn(cache, part);
  }

  private static String generationIn(Path cache, String part) throws IOException {
    try (Directory d = FSDirectory.open(cache.resolve(RoutingPatch.DIR).resolve(part))) {
      return SegmentInfos.readLatestCommit(d)
          .getUserData()
          .getOrDefault("skillsite.patch.gen", "0");
    }
  }
}
