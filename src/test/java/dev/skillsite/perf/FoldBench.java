package dev.skillsite.perf;

import dev.skillsite.model.Skill;
import dev.skillsite.routing.RoutingIndex;
import dev.skillsite.routing.RoutingPatch;
import dev.skillsite.testing.CorpusSkills;
import dev.skillsite.testing.SkillEdits;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Lab program (not a test): the route step's parts by patch number, one state patched {@code n}
 * times without a full build between, and the segment counts of the state's Lucene parts after each
 * (index, tombstones, trigger, surface and similar tables). {@code same}: one skill's description
 * word replaced and put back, again and again; {@code random}: seeded skills' description first
 * words, every third patch a skill patched before. Run it with {@code -Dskillsite.fold=0} (no fold:
 * every patch adds a segment) and without (folded), paired.
 *
 * <pre>
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.skillsite.perf.FoldBench ../shared/corpora/large /tmp/work 20 27 same
 * </pre>
 */
public final class FoldBench {
  private FoldBench() {}

  private static final String[] WORDS = {"Write", "Build", "Create", "Use", "Manage"};

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    String mode = args[4];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Files.createDirectories(work);
    Path cache = Files.createTempDirectory(work, "cache");
    List<Skill> skills = new ArrayList<>(CorpusSkills.load(corpus));
    List<Skill> built = List.copyOf(skills);
    Set<String> triggers = new LinkedHashSet<>();
    for (Skill s : skills) {
      triggers.addAll(s.triggers().phrases());
      triggers.addAll(s.triggers().keywords());
    }
    try (RoutingIndex index = RoutingIndex.build(skills)) {
      RoutingPatch.write(cache, index, triggers, "bench", Map.of(), true);
    }
    System.out.printf(
        "%d skills, %d triggers, mode %s, fold %s%n",
        skills.size(), triggers.size(), mode, System.getProperty("skillsite.fold", "2"));
    Random r = new Random(seed);
    List<Integer> patchedBefore = new ArrayList<>();
    int same = -1;
    for (int e = 1, tries = 0; e <= n && tries < 10 * n; tries++) {
      int at;
      Skill after;
      if (mode.startsWith("word:")) { // word:ID:FROM:TO, replaced and put back
        String[] w = mode.split(":");
        at = indexOf(skills, w[1]);
        Skill b = built.get(at);
        after =
            e % 2 == 1
                ? SkillEdits.withDescription(b, b.description().replaceFirst(w[2], w[3]))
                : b;
      } else if (mode.equals("same")) {
        if (same < 0) {
          same = r.nextInt(skills.size());
        }
        at = same;
        after =
            e % 2 == 1
                ? SkillEdits.descriptionWordReplaced(skills.get(at))
                : built.get(at); // put back
      } else {
        at =
            e % 3 == 0 && !patchedBefore.isEmpty()
                ? patchedBefore.get(r.nextInt(patchedBefore.size()))
                : r.nextInt(skills.size());
        after = SkillEdits.descriptionFirstWord(skills.get(at), WORDS[r.nextInt(WORDS.length)]);
      }
      Skill before = skills.get(at);
      if (after.equals(before)) {
        if (mode.equals("same")) {
          same = -1;
        }
        continue;
      }
      long t = mx.getCurrentThreadCpuTime();
      RoutingPatch.Outcome o =
          RoutingPatch.patch(
              cache,
              "bench",
              List.of(new RoutingPatch.Change(before, after)),
              List.of(),
              List.of(),
              5);
      if (o instanceof RoutingPatch.Patched p) {
        String parts;
        try (p) {
          p.commit();
          parts = p.parts().toString();
        }
        double ms = (mx.getCurrentThreadCpuTime() - t) / 1e6;
        skills.set(at, after);
        patchedBefore.add(at);
        System.out.printf(
            "patch %2d %-36s %7.1f ms CPU segments %s parts %s%n",
            e, before.id().value(), ms, segments(cache), parts);
        e++;
      } else {
        System.out.printf(
            "refused %-36s %s%n", before.id().value(), ((RoutingPatch.CannotPatch) o).reason());
        if (!before.equals(built.get(at))) {
          break; // the state holds an edit that cannot be put back: stop here
        }
        same = -1; // another skill from here
      }
    }
  }

  private static int indexOf(List<Skill> skills, String id) {
    for (int i = 0; i < skills.size(); i++) {
      if (skills.get(i).id().value().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no skill " + id);
  }

  /** Segments of each Lucene part of the state (its last commit). */
  private static Map<String, Integer> segments(Path cache) throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    for (String part : List.of("index", "tomb", "triggers", "surfaces", "similar")) {
      Path p = cache.resolve(RoutingPatch.DIR).resolve(part);
      if (Files.isDirectory(p)) {
        try (Directory d = FSDirectory.open(p)) {
          out.put(part, SegmentInfos.readLatestCommit(d).size());
        }
      }
    }
    return out;
  }
}
